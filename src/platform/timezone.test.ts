import { describe, expect, it } from 'vitest'
import { localDateOf } from './timezone.js'

describe('localDateOf', () => {
  it('turns the day at local midnight, to the second, whichever zone was asked in between', () => {
    // 2026-11-25 00:00 in Kyiv (UTC+2) is 2026-11-24 22:00 UTC.
    const before = new Date('2026-11-24T21:59:59.999Z')
    const at = new Date('2026-11-24T22:00:00.000Z')
    expect(localDateOf(before, 'Europe/Kyiv')).toBe('2026-11-24')
    expect(localDateOf(before, 'Europe/Warsaw')).toBe('2026-11-24')
    expect(localDateOf(at, 'Europe/Kyiv')).toBe('2026-11-25')
    expect(localDateOf(at, 'Europe/Warsaw')).toBe('2026-11-24')
    expect(localDateOf(before, 'Europe/Kyiv')).toBe('2026-11-24')
    expect(localDateOf(new Date('2026-11-24T23:00:00Z'), 'Europe/Warsaw')).toBe('2026-11-25')
  })
})
