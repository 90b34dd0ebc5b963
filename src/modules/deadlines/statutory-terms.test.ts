import { describe, expect, it } from 'vitest'
import { cardTerm, defaultCardTerm, statutoryTerm } from './statutory-terms.js'

describe("a service card's processing time as a term", () => {
  it('keeps days, weeks and months, turns years into months and weeks with days into days', () => {
    expect(cardTerm('P30D')).toBe('P30D')
    expect(cardTerm('P2W')).toBe('P2W')
    expect(cardTerm('P1Y')).toBe('P12M')
    expect(cardTerm('P1Y6M')).toBe('P18M')
    expect(cardTerm('P1W3D')).toBe('P10D')
  })

  it('refuses months mixed with days, and anything that is not a duration', () => {
    for (const bad of ['P1M15D', 'PT2H', 'P', 'P0D', '30 days']) expect(cardTerm(bad), bad).toBeNull()
  })

  it("gives a card with no time KPA's month in Poland and the network's default in Ukraine", () => {
    expect(defaultCardTerm('PL', 'P30D')).toEqual({ code: 'kpa-1m', term: 'P1M' })
    expect(defaultCardTerm('UA', 'P20D')).toEqual({ code: 'ua-service', term: 'P20D' })
    expect(statutoryTerm('ua-appeal-extended', 'P30D')).toBe('P45D')
    expect(statutoryTerm('ua-service', 'P20D')).toBe('P20D')
  })
})
