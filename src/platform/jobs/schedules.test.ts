import { describe, expect, it } from 'vitest'
import { dueOccurrence } from './schedules.js'

const lviv = { id: 'lviv', timezone: 'Europe/Kyiv' }

describe('scheduled occurrences', () => {
  it('falls due daily at the local time of the scope, keyed by its local date', () => {
    const daily = { kind: 'close-day', dailyAt: '00:10' }
    expect(dueOccurrence(daily, lviv, new Date('2026-11-30T22:09:59Z'))).toBeNull()
    expect(dueOccurrence(daily, lviv, new Date('2026-11-30T22:10:00Z'))).toEqual({
      key: 'close-day:lviv:2026-12-01',
      runAt: new Date('2026-11-30T22:10:00Z'),
      payload: { scope: 'lviv', date: '2026-12-01', at: '2026-11-30T22:10:00.000Z' },
    })
    // The rest of the local day it is the same occurrence.
    expect(dueOccurrence(daily, lviv, new Date('2026-12-01T21:59:00Z'))?.key).toBe(
      'close-day:lviv:2026-12-01',
    )
  })

  it('runs a time the clocks skip at the next whole hour', () => {
    // 29 March 2026 in Kyiv: 03:00 becomes 04:00, so 03:30 does not exist that day.
    const skipped = { kind: 'k', dailyAt: '03:30' }
    expect(dueOccurrence(skipped, lviv, new Date('2026-03-29T00:59:00Z'))).toBeNull()
    expect(dueOccurrence(skipped, lviv, new Date('2026-03-29T01:00:00Z'))?.runAt).toEqual(
      new Date('2026-03-29T01:00:00Z'),
    )
  })

  it('falls due every few minutes, one key per interval', () => {
    const every = { kind: 'release', everyMinutes: 5 }
    const a = dueOccurrence(every, lviv, new Date('2026-11-30T10:04:59Z'))
    const b = dueOccurrence(every, lviv, new Date('2026-11-30T10:05:00Z'))
    expect(a?.key).toBe('release:lviv:2026-11-30T10:00:00.000Z')
    expect(b?.key).toBe('release:lviv:2026-11-30T10:05:00.000Z')
  })
})
