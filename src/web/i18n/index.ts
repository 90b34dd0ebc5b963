import { type Lang, translatorsFor } from '../../platform/i18n/index.js'
import { en, type MessageKey } from './en.js'
import { pl } from './pl.js'
import { uk } from './uk.js'

export type { MessageKey }

/** The page-text translator for a language (built once per language). */
export const pageTexts = translatorsFor<MessageKey>({ en, pl, uk })

/** Each language's name in that language, for the switcher. */
export const LANGUAGE_NAMES: Record<Lang, string> = { uk: 'Українська', pl: 'Polski', en: 'English' }
