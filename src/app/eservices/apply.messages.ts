import { translatorsFor } from '../../platform/i18n/index.js'
import en from './apply.messages.en.json' with { type: 'json' }
import plTexts from './apply.messages.pl.json' with { type: 'json' }
import ukTexts from './apply.messages.uk.json' with { type: 'json' }

/** Texts of the e-service pages: applying, the resident's page, tracking, verifying a receipt. */
type Key = keyof typeof en
const pl: Record<Key, string> = plTexts
const uk: Record<Key, string> = ukTexts

export const applyTexts = translatorsFor<Key>({ en, pl, uk })
