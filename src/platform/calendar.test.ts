import { describe, expect, it } from 'vitest'
import { isWorkingDay, publicHolidays } from './calendar.js'

const dates = (list: { date: string }[]) => list.map((h) => h.date)

describe('the calendar of public holidays and working days', () => {
  it('gives Poland its thirteen holidays, and 24 December from 2025 on (records.md)', () => {
    expect(dates(publicHolidays('PL', 2024))).toEqual([
      '2024-01-01',
      '2024-01-06',
      '2024-03-31',
      '2024-04-01',
      '2024-05-01',
      '2024-05-03',
      '2024-05-19',
      '2024-05-30',
      '2024-08-15',
      '2024-11-01',
      '2024-11-11',
      '2024-12-25',
      '2024-12-26',
    ])
    expect(dates(publicHolidays('PL', 2025))).toEqual([
      '2025-01-01',
      '2025-01-06',
      '2025-04-20',
      '2025-04-21',
      '2025-05-01',
      '2025-05-03',
      '2025-06-08',
      '2025-06-19',
      '2025-08-15',
      '2025-11-01',
      '2025-11-11',
      '2025-12-24',
      '2025-12-25',
      '2025-12-26',
    ])
    expect(dates(publicHolidays('PL', 2026))).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-03',
      '2026-05-24',
      '2026-06-04',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
    ])
    expect(publicHolidays('PL', 2026).every((h) => h.dayOff)).toBe(true)
  })

  it('closes Polish offices on holidays and weekends only', () => {
    expect(isWorkingDay('2024-12-24', 'PL')).toBe(true) // a Tuesday, before the 2025 law
    expect(isWorkingDay('2025-12-24', 'PL')).toBe(false)
    expect(isWorkingDay('2026-12-24', 'PL')).toBe(false) // a Thursday
    expect(isWorkingDay('2026-06-04', 'PL')).toBe(false) // Corpus Christi
    expect(isWorkingDay('2026-11-28', 'PL')).toBe(false) // a Saturday
    expect(isWorkingDay('2026-11-30', 'PL')).toBe(true)
  })

  it('keeps Ukraine’s holidays but, under martial law, as working days without transfers', () => {
    for (const year of [2024, 2025, 2026]) {
      const holidays = publicHolidays('UA', year)
      expect(holidays.map((h) => h.date)).toContain(`${year}-08-24`)
      expect(holidays.map((h) => h.date)).toContain(`${year}-12-25`)
      expect(holidays.every((h) => !h.dayOff)).toBe(true)
      expect(holidays.some((h) => /замінити/.test(h.name))).toBe(false)
    }
    expect(isWorkingDay('2026-08-24', 'UA')).toBe(true) // Independence Day, a Monday
    expect(isWorkingDay('2026-12-25', 'UA')).toBe(true) // Christmas, a Friday
    expect(isWorkingDay('2026-08-23', 'UA')).toBe(false) // a Sunday
  })

  it('gives Ukrainian holidays their days off again for a year the network says so', () => {
    expect(isWorkingDay('2026-12-25', 'UA', { uaDaysOff: true })).toBe(false)
    expect(publicHolidays('UA', 2026, { uaDaysOff: true }).every((h) => h.dayOff)).toBe(true)
    // Before martial law they were days off.
    expect(isWorkingDay('2021-08-24', 'UA')).toBe(false)
  })
})
