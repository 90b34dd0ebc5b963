import { translatorsFor } from '../../platform/i18n/index.js'
import en from './eservices.messages.en.json' with { type: 'json' }
import plTexts from './eservices.messages.pl.json' with { type: 'json' }
import ukTexts from './eservices.messages.uk.json' with { type: 'json' }

/** Texts of the e-mail residents get and the statuses they see. */
type Key = keyof typeof en
const pl: Record<Key, string> = plTexts
const uk: Record<Key, string> = ukTexts

export const eservicesTexts = translatorsFor<Key>({ en, pl, uk })
