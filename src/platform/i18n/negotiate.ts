import { isLang, type Lang } from './languages.js'

export interface LanguageChoice {
  /** The query string's `lang`, if any. */
  query?: unknown
  /** The `lang` cookie, if any. */
  cookie?: string | undefined
  /** The `Accept-Language` header, if any. */
  acceptLanguage?: string | undefined
}

/** Picks the page language: `?lang=` first, then the cookie, then `Accept-Language`, then the default. */
export function negotiateLanguage(choice: LanguageChoice, fallback: Lang): Lang {
  if (isLang(choice.query)) return choice.query
  if (isLang(choice.cookie)) return choice.cookie
  return fromAcceptLanguage(choice.acceptLanguage) ?? fallback
}

/** The best supported language in an `Accept-Language` header by its q-values, or null. */
export function fromAcceptLanguage(header: string | undefined): Lang | null {
  if (!header) return null
  let best: Lang | null = null
  let bestQ = 0
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().split(';')
    const primary = tag.trim().toLowerCase().split('-')[0]
    // `ua` is the country code, often sent by mistake for the Ukrainian language.
    const lang = primary === 'ua' ? 'uk' : primary
    if (!isLang(lang)) continue
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    if (Number.isFinite(q) && q > bestQ) {
      best = lang
      bestQ = q
    }
  }
  return best
}
