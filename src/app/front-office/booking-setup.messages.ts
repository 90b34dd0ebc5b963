import { translatorsFor } from '../../platform/i18n/index.js'
import en from './booking-setup.messages.en.json' with { type: 'json' }
import plTexts from './booking-setup.messages.pl.json' with { type: 'json' }
import ukTexts from './booking-setup.messages.uk.json' with { type: 'json' }

/** Texts of the staff's booking set-up page. */
type Key = keyof typeof en

const pl: Record<Key, string> = plTexts
const uk: Record<Key, string> = ukTexts

export type SetupKey = Key
export const setupTexts = translatorsFor<Key>({ en, pl, uk })
