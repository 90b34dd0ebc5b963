import { type Lang, translatorsFor } from '../../platform/i18n/index.js'
import en from './en.json' with { type: 'json' }
import pl from './pl.json' with { type: 'json' }
import uk from './uk.json' with { type: 'json' }

/**
 * The page texts. Each language's catalogue is a JSON file translators can edit without TypeScript;
 * the type-check still refuses a catalogue that lacks a key of the English one, and a test checks
 * that every message is valid ICU using the same arguments as in English.
 */
export type MessageKey = keyof typeof en

/** The page-text translator for a language (built once per language). */
export const pageTexts = translatorsFor<MessageKey>({
  en,
  pl: pl satisfies Record<MessageKey, string>,
  uk: uk satisfies Record<MessageKey, string>,
})

/** Each language's name in that language, for the switcher. */
export const LANGUAGE_NAMES: Record<Lang, string> = { uk: 'Українська', pl: 'Polski', en: 'English' }
