import { describe, expect, it } from 'vitest'
import { isValidTimezone } from '../../platform/timezone.js'
import { isValidUnitCode } from './unit-code.js'

describe('unit codes', () => {
  it('accepts letters and digits with at least one letter', () => {
    for (const code of ['OR', 'B2', 'A1c', '11d', 'SO', 'ЦН1']) expect(isValidUnitCode(code), code).toBe(true)
  })

  it('refuses digits alone, separators, spaces and empty codes', () => {
    for (const code of ['123', '', 'O.R', 'O R', 'OR-1', 'A'.repeat(13)])
      expect(isValidUnitCode(code), code).toBe(false)
  })
})

describe('timezones', () => {
  it('knows IANA zones and refuses made-up ones', () => {
    expect(isValidTimezone('Europe/Kyiv')).toBe(true)
    expect(isValidTimezone('Europe/Warsaw')).toBe(true)
    expect(isValidTimezone('Mars/Olympus')).toBe(false)
    expect(isValidTimezone('CET+1')).toBe(false)
  })
})
