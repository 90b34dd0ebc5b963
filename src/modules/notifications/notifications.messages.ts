import { translatorsFor } from '../../platform/i18n/index.js'
import en from './notifications.messages.en.json' with { type: 'json' }
import plTexts from './notifications.messages.pl.json' with { type: 'json' }
import ukTexts from './notifications.messages.uk.json' with { type: 'json' }

/** Texts of the reminders: the daily digest and the alert before a due date, in e-mail and the list. */
type Key = keyof typeof en
const pl: Record<Key, string> = plTexts
const uk: Record<Key, string> = ukTexts

export const notificationsTexts = translatorsFor<Key>({ en, pl, uk })
