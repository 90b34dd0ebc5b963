import { describe, expect, it } from 'vitest'
import { translatorsFor } from './translator.js'

describe('messages', () => {
  const texts = translatorsFor({
    en: { wait: 'Try again in {minutes, plural, one {# minute} other {# minutes}}.', plain: 'Hello, {name}' },
    pl: {
      wait: 'Spróbuj za {minutes, plural, one {# minutę} few {# minuty} other {# minut}}.',
      plain: 'Cześć, {name}',
    },
    uk: {
      wait: 'Спробуйте через {minutes, plural, one {# хвилину} few {# хвилини} other {# хвилин}}.',
      plain: 'Привіт, {name}',
    },
  })

  it('chooses each language’s plural form', () => {
    expect([1, 2, 5].map((minutes) => texts('en')('wait', { minutes }))).toEqual([
      'Try again in 1 minute.',
      'Try again in 2 minutes.',
      'Try again in 5 minutes.',
    ])
    expect([1, 3, 5, 22].map((minutes) => texts('pl')('wait', { minutes }))).toEqual([
      'Spróbuj za 1 minutę.',
      'Spróbuj za 3 minuty.',
      'Spróbuj za 5 minut.',
      'Spróbuj za 22 minuty.',
    ])
    expect([1, 4, 11, 21].map((minutes) => texts('uk')('wait', { minutes }))).toEqual([
      'Спробуйте через 1 хвилину.',
      'Спробуйте через 4 хвилини.',
      'Спробуйте через 11 хвилин.',
      'Спробуйте через 21 хвилину.',
    ])
  })

  it('fills plain placeholders as before', () => {
    expect(texts('pl')('plain', { name: 'Olena' })).toBe('Cześć, Olena')
  })
})
