import { translatorsFor } from '../../platform/i18n/index.js'
import en from './information-requests.messages.en.json' with { type: 'json' }
import plTexts from './information-requests.messages.pl.json' with { type: 'json' }
import ukTexts from './information-requests.messages.uk.json' with { type: 'json' }

/** Texts of the requests' case titles and the refusal decision. */
type Key = keyof typeof en
const pl: Record<Key, string> = plTexts
const uk: Record<Key, string> = ukTexts

export const requestsTexts = translatorsFor<Key>({ en, pl, uk })
