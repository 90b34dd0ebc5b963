import { translatorsFor } from '../../platform/i18n/index.js'
import en from './front-office.messages.en.json' with { type: 'json' }
import plTexts from './front-office.messages.pl.json' with { type: 'json' }
import ukTexts from './front-office.messages.uk.json' with { type: 'json' }

/** Texts of the front-office screens: kiosk, ticket, board and desk console. */

type Key = keyof typeof en

const pl: Record<Key, string> = plTexts

const uk: Record<Key, string> = ukTexts

export type FrontOfficeKey = Key
export const frontOfficeTexts = translatorsFor<Key>({ en, pl, uk })
