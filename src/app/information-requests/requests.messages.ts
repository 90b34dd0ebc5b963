import { translatorsFor } from '../../platform/i18n/index.js'
import en from './requests.messages.en.json' with { type: 'json' }
import plTexts from './requests.messages.pl.json' with { type: 'json' }
import ukTexts from './requests.messages.uk.json' with { type: 'json' }

/** Texts of the public information request form and its tracking page. */
type Key = keyof typeof en
const pl: Record<Key, string> = plTexts
const uk: Record<Key, string> = ukTexts

export type RequestsKey = Key
export const requestPageTexts = translatorsFor<Key>({ en, pl, uk })
