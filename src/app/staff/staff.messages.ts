import { translatorsFor } from '../../platform/i18n/index.js'
import { type CardsKey, cardsEn, cardsPl, cardsUk } from './cards.messages.js'
import en from './staff.messages.en.json' with { type: 'json' }
import plTexts from './staff.messages.pl.json' with { type: 'json' }
import ukTexts from './staff.messages.uk.json' with { type: 'json' }

/** Texts of the staff pages (sign-in, network, offices, users, audit). */

type Key = keyof typeof en | CardsKey

const pl: Record<Exclude<Key, CardsKey>, string> = plTexts

const uk: Record<Exclude<Key, CardsKey>, string> = ukTexts

export type StaffKey = Key
export const staffTexts = translatorsFor<Key>({
  en: { ...en, ...cardsEn },
  pl: { ...pl, ...cardsPl },
  uk: { ...uk, ...cardsUk },
})
