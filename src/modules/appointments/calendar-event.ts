import * as ics from 'ics'
import { AppError } from '../../platform/errors.js'
import { type Lang, translatorsFor } from '../../platform/i18n/index.js'
import type { AppointmentRow } from './appointments.tables.js'
import en from './calendar-event.messages.en.json' with { type: 'json' }
import plTexts from './calendar-event.messages.pl.json' with { type: 'json' }
import ukTexts from './calendar-event.messages.uk.json' with { type: 'json' }

type Key = keyof typeof en
const pl: Record<Key, string> = plTexts
const uk: Record<Key, string> = ukTexts
const texts = translatorsFor<Key>({ en, pl, uk })

/** Where and what the visit is, in every language (the offices module and the queue say it). */
export interface VisitPlace {
  office: Record<Lang, string>
  address: string
  language: Lang
  timezone: string
  queue: Record<Lang, string> | null
  /** The centre's e-mail address, the event's organiser; null: none published. */
  email: string | null
}

/** Ratusz's product identifier in every calendar file (RFC 5545 §3.7.3). */
const PRODUCT_ID = '-//Ratusz//Bookings//EN'

/**
 * The booking as an iCalendar event in the resident's language: the centre's name and address as
 * its location, a description with the code, when to check in and how to cancel, and the link to
 * the booking's page. A published event (RFC 5546 PUBLISH) with the centre as its organiser and the
 * visitor as attendee; once cancelled, the same UID as a CANCEL with its SEQUENCE raised and STATUS
 * CANCELLED, so that a calendar that imported the booking takes it out.
 */
export function calendarEvent(
  a: AppointmentRow,
  place: VisitPlace,
  window: { earlyMinutes: number; lateMinutes: number },
  publicUrl: string,
): string {
  const lang = a.lang ?? place.language
  const t = texts(lang)
  const start = Date.parse(a.startAt)
  const time = (at: number) =>
    new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone: place.timezone }).format(new Date(at))
  const link = `${publicUrl}/appointments/${a.id}`
  const cancelled = a.status === 'cancelled'
  const host = new URL(publicUrl).hostname
  const event = ics.createEvent({
    productId: PRODUCT_ID,
    method: cancelled ? 'CANCEL' : 'PUBLISH',
    uid: `${a.id}@ratusz`,
    sequence: cancelled ? 1 : 0,
    organizer: { name: place.office[lang], email: place.email ?? `no-reply@${host}` },
    ...(a.email
      ? { attendees: [{ name: a.name, email: a.email, role: 'REQ-PARTICIPANT', partstat: 'ACCEPTED' }] }
      : {}),
    start,
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: a.minutes },
    title: t('title', { office: place.office[lang] }),
    location: `${place.office[lang]}, ${place.address}`,
    description: t('description', {
      code: a.code,
      service: place.queue ? `${place.queue[lang]}. ` : '',
      from: time(start - window.earlyMinutes * 60_000),
      until: time(start + window.lateMinutes * 60_000),
      link,
    }),
    url: link,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
  })
  if (event.error || !event.value) throw new AppError('ICS_FAILED', 422, 'Cannot make the calendar file')
  return event.value
}
