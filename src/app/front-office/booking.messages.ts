import type { FieldError } from '../../platform/errors.js'
import { type Lang, translatorsFor } from '../../platform/i18n/index.js'
import en from './booking.messages.en.json' with { type: 'json' }
import plTexts from './booking.messages.pl.json' with { type: 'json' }
import ukTexts from './booking.messages.uk.json' with { type: 'json' }

/** Texts of the residents' booking pages. */

type Key = keyof typeof en

const pl: Record<Key, string> = plTexts

const uk: Record<Key, string> = ukTexts

export const bookingTexts = translatorsFor<Key>({ en, pl, uk })

/**
 * A refused field of the booking form in the resident's words, saying what to do: never the schema's
 * rule (`must match pattern …`). Null for a field the form does not show.
 */
export function bookingFieldError(lang: Lang, e: FieldError): string | null {
  const bt = bookingTexts(lang)
  switch (e.path.replace(/^body\./, '')) {
    case 'name':
      return e.keyword === 'maxLength'
        ? bt('book.error.nameLong', { max: e.limit ?? 120 })
        : bt('book.error.name')
    case 'email':
      return bt('book.error.email')
    case 'phone':
      return bt('book.error.phone')
    case 'identifier':
      return bt('book.error.identifier')
    case 'start':
      if (e.keyword === 'past') return bt('book.error.past')
      if (e.keyword === 'horizon') return bt('book.error.horizon', { days: e.limit ?? 0 })
      return bt('book.error.start')
    case 'date':
      return bt('book.error.date')
    case 'queueId':
      return bt('book.error.queue')
    default:
      return null
  }
}
