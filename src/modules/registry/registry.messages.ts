import { translatorsFor } from '../../platform/i18n/index.js'
import en from './registry.messages.en.json' with { type: 'json' }
import plTexts from './registry.messages.pl.json' with { type: 'json' }
import ukTexts from './registry.messages.uk.json' with { type: 'json' }

/** Texts of the printed registers. */
type Key = keyof typeof en
const pl: Record<Key, string> = plTexts
const uk: Record<Key, string> = ukTexts

export const registryTexts = translatorsFor<Key>({ en, pl, uk })
