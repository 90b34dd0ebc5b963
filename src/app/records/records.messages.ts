import { translatorsFor } from '../../platform/i18n/index.js'
import en from './records.messages.en.json' with { type: 'json' }
import plTexts from './records.messages.pl.json' with { type: 'json' }
import ukTexts from './records.messages.uk.json' with { type: 'json' }

/** Texts of the chancellery's and the case officers' pages. */
export type RecordsKey = keyof typeof en
const pl: Record<RecordsKey, string> = plTexts
const uk: Record<RecordsKey, string> = ukTexts

export const recordsTexts = translatorsFor<RecordsKey>({ en, pl, uk })

const keysStarting = (prefix: string): Record<string, true> =>
  Object.fromEntries(
    Object.keys(en)
      .filter((k) => k.startsWith(prefix))
      .map((k) => [k, true]),
  )
/** The catalogue's keys of history actions (`history.document-add`…), to tell a known action. */
export const HISTORY_KEYS = keysStarting('history.')
/** The catalogue's keys of letters' and cases' statuses (`status.in-progress`…). */
export const STATUS_KEYS = keysStarting('status.')
