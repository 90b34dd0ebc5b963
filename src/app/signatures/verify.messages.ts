import { translatorsFor } from '../../platform/i18n/index.js'
import en from './verify.messages.en.json' with { type: 'json' }
import plTexts from './verify.messages.pl.json' with { type: 'json' }
import ukTexts from './verify.messages.uk.json' with { type: 'json' }

/** Texts of the public signature check: the form, the report, what each indication means. */
type Key = keyof typeof en
const pl: Record<Key, string> = plTexts
const uk: Record<Key, string> = ukTexts

export type VerifyKey = Key
export const verifyTexts = translatorsFor<Key>({ en, pl, uk })
