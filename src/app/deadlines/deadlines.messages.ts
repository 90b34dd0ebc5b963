import { translatorsFor } from '../../platform/i18n/index.js'
import en from './deadlines.messages.en.json' with { type: 'json' }
import plTexts from './deadlines.messages.pl.json' with { type: 'json' }
import ukTexts from './deadlines.messages.uk.json' with { type: 'json' }

/** Texts of the public term calculator. */
type Key = keyof typeof en

const pl: Record<Key, string> = plTexts
const uk: Record<Key, string> = ukTexts

export type DueKey = Key
export const dueTexts = translatorsFor<Key>({ en, pl, uk })
