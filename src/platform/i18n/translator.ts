import { IntlMessageFormat } from 'intl-messageformat'
import type { Lang } from './languages.js'

/**
 * A message catalogue: keys to ICU MessageFormat text, as translators' tools know it: `{name}`
 * placeholders, plurals by each language's rules (`{count, plural, one {# card} few {# cards} …}`),
 * `select`, numbers and dates.
 */
export type Catalogue<K extends string = string> = Readonly<Record<K, string>>

export type Translate<K extends string> = (
  key: K,
  params?: Readonly<Record<string, string | number>>,
) => string

/**
 * Builds the translator for one language. Every catalogue is type-checked to have every key, so a
 * missing translation is a compile error, not a blank on the page.
 */
export function translator<K extends string>(
  catalogues: Record<Lang, Catalogue<K>>,
  lang: Lang,
): Translate<K> {
  const catalogue = catalogues[lang]
  const compiled = new Map<K, IntlMessageFormat>()
  return (key, params) => {
    const text = catalogue[key]
    // Most texts have no placeholder at all: they are what they say.
    if (!text.includes('{')) return text
    let format = compiled.get(key)
    if (!format) {
      format = new IntlMessageFormat(text, lang)
      compiled.set(key, format)
    }
    return String(format.format(params ?? {}))
  }
}

/** One translator per language, built on first use: `const texts = translatorsFor({ en, pl, uk }); texts('pl')('key')`. */
export function translatorsFor<K extends string>(
  catalogues: Record<Lang, Catalogue<K>>,
): (lang: Lang) => Translate<K> {
  const cache = new Map<Lang, Translate<K>>()
  registered.push(catalogues)
  return (lang) => {
    let t = cache.get(lang)
    if (!t) {
      t = translator(catalogues, lang)
      cache.set(lang, t)
    }
    return t
  }
}

const registered: Record<Lang, Catalogue>[] = []

/** Every catalogue given to `translatorsFor` so far (for the check that each message parses). */
export function registeredCatalogues(): readonly Record<Lang, Catalogue>[] {
  return registered
}
