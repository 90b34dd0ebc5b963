import { type Lang, type Translate, translator } from '../../platform/i18n/index.js'
import { en, type MessageKey } from './en.js'
import { pl } from './pl.js'
import { uk } from './uk.js'

export type { MessageKey }

const catalogues = { en, pl, uk }
const cache = new Map<Lang, Translate<MessageKey>>()

/** The page-text translator for a language (built once per language). */
export function pageTexts(lang: Lang): Translate<MessageKey> {
  let t = cache.get(lang)
  if (!t) {
    t = translator(catalogues, lang)
    cache.set(lang, t)
  }
  return t
}

/** Each language's name in that language, for the switcher. */
export const LANGUAGE_NAMES: Record<Lang, string> = { uk: 'Українська', pl: 'Polski', en: 'English' }
