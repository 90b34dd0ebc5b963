import { describe, expect, it } from 'vitest'
import { groupOpeningHours, weekdayName } from './opening-hours.js'

describe('opening hours', () => {
  it('groups consecutive days with the same hours and shows closed days', () => {
    const nine = [{ from: '09:00', to: '17:00' }]
    const runs = groupOpeningHours({
      mon: nine,
      tue: nine,
      wed: [{ from: '09:00', to: '20:00' }],
      thu: nine,
      fri: nine,
    })
    expect(
      runs.map((r) => `${r.first}-${r.last}:${r.spans.map((s) => `${s.from}-${s.to}`).join(',')}`),
    ).toEqual(['mon-tue:09:00-17:00', 'wed-wed:09:00-20:00', 'thu-fri:09:00-17:00', 'sat-sun:'])
  })

  it('names weekdays in each language', () => {
    expect(weekdayName('mon', 'en')).toBe('Mon')
    expect(weekdayName('mon', 'pl')).toBe('pon.')
    expect(weekdayName('sun', 'uk')).toBe('нд')
  })
})
