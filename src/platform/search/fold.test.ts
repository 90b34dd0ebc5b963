import { describe, expect, it } from 'vitest'
import { foldForSearch, queryTerms } from './fold.js'

describe('search folding', () => {
  it('ignores case and Polish and Ukrainian diacritics', () => {
    expect(foldForSearch('Dowód osobisty — wydanie')).toBe(foldForSearch('dowod OSOBISTY wydanie'))
    expect(foldForSearch('Zażółć gęślą jaźń')).toBe('zazolc gesla jazn')
  })

  it('transliterates Ukrainian officially, so Latin queries find Cyrillic text', () => {
    expect(foldForSearch('Паспорт громадянина')).toBe('pasport hromadianyna')
    expect(foldForSearch('Реєстрація місця проживання')).toBe('reiestratsiia mistsia prozhyvannia')
    expect(foldForSearch('пасПОРТ')).toBe(foldForSearch('pasport'))
  })

  it('lets Polish words typed in Cyrillic find their Latin form', () => {
    expect(foldForSearch('довод')).toBe(foldForSearch('dowód'))
  })

  it('splits a query into distinct folded words of two or more letters', () => {
    expect(queryTerms('  Dowód, dowod! a ')).toEqual(['dovod'])
  })
})
