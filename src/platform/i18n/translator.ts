import type { Lang } from './languages.js'

/** A message catalogue: keys to text with `{name}` placeholders. */
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
  return (key, params) => {
    const text = catalogue[key]
    if (!params) return text
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    )
  }
}

/** One translator per language, built on first use: `const texts = translatorsFor({ en, pl, uk }); texts('pl')('key')`. */
export function translatorsFor<K extends string>(
  catalogues: Record<Lang, Catalogue<K>>,
): (lang: Lang) => Translate<K> {
  const cache = new Map<Lang, Translate<K>>()
  return (lang) => {
    let t = cache.get(lang)
    if (!t) {
      t = translator(catalogues, lang)
      cache.set(lang, t)
    }
    return t
  }
}
