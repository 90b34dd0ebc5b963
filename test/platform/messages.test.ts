import { parse, TYPE } from '@formatjs/icu-messageformat-parser'
import { expect, it } from 'vitest'
import '../../src/app/build-app.js'
import { LANGUAGES, registeredCatalogues } from '../../src/platform/i18n/index.js'

type Element = ReturnType<typeof parse>[number]

/** The arguments a message uses (`{count}`, `{count, plural, …}`), nested ones included. */
function argumentsOf(elements: Element[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if ('value' in element && typeof element.value === 'string' && element.type !== TYPE.literal)
      into.add(element.value)
    if ('options' in element)
      for (const option of Object.values(element.options)) argumentsOf(option.value as Element[], into)
  }
  return into
}

it('has every message in every language, each one valid ICU with the same arguments as in English', () => {
  const catalogues = registeredCatalogues()
  // Every page's texts, the staff pages' and the front office's among them.
  expect(catalogues.length).toBeGreaterThanOrEqual(5)
  const problems: string[] = []
  for (const catalogue of catalogues) {
    for (const key of Object.keys(catalogue.en)) {
      const expected = [...argumentsOf(parse(catalogue.en[key]!))].sort().join(',')
      for (const lang of LANGUAGES) {
        const text = catalogue[lang][key]
        if (text === undefined) {
          problems.push(`${lang} ${key}: missing`)
          continue
        }
        try {
          const used = [...argumentsOf(parse(text))].sort().join(',')
          if (used !== expected) problems.push(`${lang} ${key}: uses {${used}}, English {${expected}}`)
        } catch (error) {
          problems.push(`${lang} ${key}: ${String(error)}`)
        }
      }
    }
  }
  expect(problems).toEqual([])
})
