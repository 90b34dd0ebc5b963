import { translatorsFor } from '../../platform/i18n/index.js'
import en from './cases.messages.en.json' with { type: 'json' }
import plTexts from './cases.messages.pl.json' with { type: 'json' }
import ukTexts from './cases.messages.uk.json' with { type: 'json' }

/** Texts of the printed case register (spis spraw) and of the KPA art. 36 notice. */
type Key = keyof typeof en
const pl: Record<Key, string> = plTexts
const uk: Record<Key, string> = ukTexts

export const casesTexts = translatorsFor<Key>({ en, pl, uk })
