import { translatorsFor } from '../../platform/i18n/index.js'
import en from './booking.messages.en.json' with { type: 'json' }
import plTexts from './booking.messages.pl.json' with { type: 'json' }
import ukTexts from './booking.messages.uk.json' with { type: 'json' }

/** Texts of the residents' booking pages. */

type Key = keyof typeof en

const pl: Record<Key, string> = plTexts

const uk: Record<Key, string> = ukTexts

export const bookingTexts = translatorsFor<Key>({ en, pl, uk })
