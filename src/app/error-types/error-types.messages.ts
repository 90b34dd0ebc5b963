import type { ErrorCode } from '../../platform/error-codes.js'
import { translatorsFor } from '../../platform/i18n/index.js'
import en from './error-types.messages.en.json' with { type: 'json' }
import plTexts from './error-types.messages.pl.json' with { type: 'json' }
import ukTexts from './error-types.messages.uk.json' with { type: 'json' }

type Key = keyof typeof en

/** Each code's title and explanation: a code listed in ERROR_CODES without them does not compile. */
type Explained = Record<`${ErrorCode}.title` | `${ErrorCode}.body`, string>

const pl: Record<Key, string> = plTexts

const uk: Record<Key, string> = ukTexts

export const errorTypesTexts = translatorsFor<Key>({ en: en satisfies Explained, pl, uk })
