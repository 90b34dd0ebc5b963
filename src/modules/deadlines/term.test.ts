import { describe, expect, it } from 'vitest'
import { publicHolidays } from '../../platform/calendar.js'
import { daysBetween, dueDate, dueFromNotice, parseTerm, type Term, workingDaysAfter } from './term.js'

/** Poland's days off as the law has them (the library of the platform calendar). */
const polishDayOff = async (date: string) =>
  publicHolidays('PL', Number(date.slice(0, 4))).find((h) => h.date === date && h.dayOff)?.name ?? null
const due = async (from: string, term: string, dayOff = polishDayOff) =>
  dueDate(from, parseTerm(term) as Term, { dayOff })

describe('statutory terms (KPA art. 57)', () => {
  it('reads terms in days, weeks and months, and nothing else', () => {
    expect(parseTerm('P14D')).toEqual({ amount: 14, unit: 'D' })
    expect(parseTerm('P2W')).toEqual({ amount: 2, unit: 'W' })
    expect(parseTerm('P1M')).toEqual({ amount: 1, unit: 'M' })
    for (const bad of ['P0D', 'P1Y', 'P1M2D', '14', 'P-1D', 'PT1H']) expect(parseTerm(bad), bad).toBeNull()
  })

  it('does not count the day of the event, and ends a term in days after that many days', async () => {
    expect((await due('2025-03-03', 'P14D')).due).toBe('2025-03-17')
  })

  it('ends a term in weeks on the same weekday', async () => {
    const { due: date, steps } = await due('2025-03-05', 'P2W')
    expect(date).toBe('2025-03-19')
    expect(new Date(`${date}T12:00:00Z`).getUTCDay()).toBe(3)
    expect(steps.map((s) => s.kind)).toEqual(['start', 'weeks', 'due'])
  })

  it('ends a month from 31 January on the last day of February: 2025-01-31 + P1M', async () => {
    const { due: date, steps } = await due('2025-01-31', 'P1M')
    expect(date).toBe('2025-02-28')
    expect(steps).toEqual([
      { kind: 'start', date: '2025-01-31' },
      { kind: 'months', amount: 1, date: '2025-02-28' },
      { kind: 'end-of-month', date: '2025-02-28' },
      { kind: 'due', date: '2025-02-28' },
    ])
    expect((await due('2024-01-31', 'P1M')).due).toBe('2024-02-29')
  })

  it('moves a term ending on Independence Day (11 November) to the next working day', async () => {
    const { due: date, steps } = await due('2025-10-28', 'P14D')
    expect(date).toBe('2025-11-12')
    expect(steps).toContainEqual({ kind: 'day-off', date: '2025-11-11', name: expect.any(String) })
  })

  it('moves a term ending on Easter Monday to the Tuesday', async () => {
    expect((await due('2025-04-07', 'P14D')).due).toBe('2025-04-22')
    expect((await due('2024-03-18', 'P14D')).due).toBe('2024-04-02')
  })

  it('counts 24 December as a working day in 2024 and as a day off from 2025', async () => {
    expect((await due('2024-12-10', 'P14D')).due).toBe('2024-12-24')
    const { due: date, steps } = await due('2025-12-10', 'P14D')
    // 24, 25, 26 December are days off, then a Saturday and a Sunday.
    expect(date).toBe('2025-12-29')
    expect(steps.map((s) => s.kind)).toEqual([
      'start',
      'days',
      'day-off',
      'day-off',
      'day-off',
      'saturday',
      'sunday',
      'due',
    ])
  })

  it('moves two months ending on a Saturday to the Monday', async () => {
    const { due: date, steps } = await due('2025-06-02', 'P2M')
    expect(date).toBe('2025-08-04')
    expect(steps.map((s) => s.kind)).toEqual(['start', 'months', 'saturday', 'sunday', 'due'])
  })

  it('follows the calendar it is given: a network closure is a day off too', async () => {
    const closed = async (date: string) => (date === '2025-03-17' ? 'Office move' : polishDayOff(date))
    expect((await due('2025-03-03', 'P14D', closed)).due).toBe('2025-03-18')
  })

  it('moves the due date by the days the proceedings were suspended (KPA art. 35 §5)', async () => {
    // One month from 3 March 2025 is Thursday 3 April; ten days suspended make it Sunday 13 April → Monday.
    const plain = await dueDate('2025-03-03', { amount: 1, unit: 'M' }, { dayOff: polishDayOff })
    expect(plain.due).toBe('2025-04-03')
    const { due: date, steps } = await dueDate(
      '2025-03-03',
      { amount: 1, unit: 'M' },
      { dayOff: polishDayOff, suspendedDays: 10 },
    )
    expect(steps.map((s) => s.kind)).toEqual(['start', 'months', 'suspended', 'sunday', 'due'])
    expect(steps[2]).toEqual({ kind: 'suspended', amount: 10, date: '2025-04-13' })
    expect(date).toBe('2025-04-14')
    expect(daysBetween('2025-03-10', '2025-03-20')).toBe(10)
  })

  it('starts from the date a notice set, and still moves it past days off and suspensions', async () => {
    const { due: date, steps } = await dueFromNotice('2025-04-30', { dayOff: polishDayOff, suspendedDays: 1 })
    // 1 May (Labour Day), 2 May is a Friday working day.
    expect(steps.map((s) => s.kind)).toEqual(['notice', 'suspended', 'day-off', 'due'])
    expect(date).toBe('2025-05-02')
  })

  it('finds the third working day after a date across a weekend and a holiday', async () => {
    // Thursday 30 April 2025 → Fri 2 May (1), Mon 5 May (2), Tue 6 May (3); 3 May is a Saturday holiday.
    expect(await workingDaysAfter('2025-04-30', 3, polishDayOff)).toBe('2025-05-06')
    expect(await workingDaysAfter('2025-03-03', 0, polishDayOff)).toBe('2025-03-03')
  })
})
