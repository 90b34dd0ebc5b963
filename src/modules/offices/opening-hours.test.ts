import { describe, expect, it } from 'vitest'
import { formatSpans, groupOpeningHours, parseSpans, weekdayName } from './opening-hours.js'

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

  it('reads hours as staff type them and writes them back the same way', () => {
    expect(parseSpans('09:00-13:00, 14:00–18:00')).toEqual([
      { from: '09:00', to: '13:00' },
      { from: '14:00', to: '18:00' },
    ])
    expect(parseSpans('  ')).toEqual([])
    expect(parseSpans('9-17')).toBeNull()
    expect(parseSpans('18:00-09:00')).toBeNull()
    expect(formatSpans([{ from: '09:00', to: '17:00' }])).toBe('09:00–17:00')
  })
})
