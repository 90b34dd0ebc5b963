import { describe, expect, it } from 'vitest'
import { fromAcceptLanguage, negotiateLanguage } from './negotiate.js'

describe('language negotiation', () => {
  it('prefers the query, then the cookie, then the browser, then the fallback', () => {
    expect(negotiateLanguage({ query: 'pl', cookie: 'en', acceptLanguage: 'uk' }, 'uk')).toBe('pl')
    expect(negotiateLanguage({ query: 'xx', cookie: 'en', acceptLanguage: 'uk' }, 'uk')).toBe('en')
    expect(negotiateLanguage({ cookie: 'de', acceptLanguage: 'pl-PL' }, 'uk')).toBe('pl')
    expect(negotiateLanguage({ acceptLanguage: 'fr, de' }, 'uk')).toBe('uk')
  })

  it('weighs Accept-Language by q and ignores languages Ratusz does not speak', () => {
    expect(fromAcceptLanguage('de;q=1, en;q=0.3, pl;q=0.7')).toBe('pl')
    expect(fromAcceptLanguage('en-GB,en;q=0.9')).toBe('en')
    expect(fromAcceptLanguage('ua')).toBe('uk')
    expect(fromAcceptLanguage('pl;q=0, en;q=0.1')).toBe('en')
    expect(fromAcceptLanguage('*')).toBeNull()
    expect(fromAcceptLanguage(undefined)).toBeNull()
  })
})
