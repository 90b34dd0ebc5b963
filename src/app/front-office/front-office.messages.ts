import { BASE_PRIORITIES } from '../../modules/queue/index.js'
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

type Translate = ReturnType<typeof frontOfficeTexts>

/** A priority category in words: the base ones by name, an office's own as "Priority: <name>". */
export function priorityLabel(ft: Translate, category: string): string {
  return (BASE_PRIORITIES as readonly string[]).includes(category)
    ? ft(`kiosk.priority.${category}` as Key)
    : ft('kiosk.priority.other', { category })
}

/** Whether the catalogues have this key (for texts chosen by a code, e.g. a refusal's). */
export const isFrontOfficeKey = (key: string): key is Key => Object.hasOwn(en, key)
