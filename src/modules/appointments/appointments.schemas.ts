import { type Static, Type } from 'typebox'
import { Id, Instant, LocalDate } from '../../platform/http/schemas.js'

export const AppointmentPolicyBody = Type.Object(
  {
    earlyMinutes: Type.Integer({ minimum: 0, maximum: 240, description: 'Check-in opens this long before' }),
    lateMinutes: Type.Integer({ minimum: 0, maximum: 240, description: 'Check-in closes this long after' }),
    horizonDays: Type.Integer({ minimum: 1, maximum: 366, description: 'How far ahead residents may book' }),
  },
  { additionalProperties: false },
)
export type AppointmentPolicy = Static<typeof AppointmentPolicyBody>

const LocalTime = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  description: 'Office-local time, HH:MM',
})

export const SlotsBody = Type.Object(
  {
    queueId: Id,
    date: LocalDate,
    from: LocalTime,
    to: LocalTime,
    minutes: Type.Integer({ minimum: 5, maximum: 240 }),
    capacity: Type.Integer({ minimum: 1, maximum: 50 }),
  },
  { additionalProperties: false },
)
export type SlotsBody = Static<typeof SlotsBody>

export const SlotDto = Type.Object({
  id: Id,
  queueId: Id,
  date: Type.String(),
  time: Type.String({ description: 'Office-local start time' }),
  start: Instant,
  minutes: Type.Integer(),
  capacity: Type.Integer(),
  free: Type.Integer(),
})
export type SlotDto = Static<typeof SlotDto>

export const SlotsQuery = Type.Object({ queueId: Id, date: LocalDate })

const Identifier = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9 -]{5,23}$',
  description:
    'The resident’s personal number (PESEL, РНОКПП, …), to check in with it at the kiosk instead of the code. Kept only as a keyed hash; spaces and dashes are ignored.',
})

export const BookingBody = Type.Object(
  {
    officeId: Id,
    queueId: Id,
    start: Type.String({ format: 'date-time', description: 'A free slot’s start' }),
    name: Type.String({ minLength: 2, maxLength: 120 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ()-]{6,20}$' })),
    identifier: Type.Optional(Identifier),
    lang: Type.Optional(
      Type.Enum(['uk', 'pl', 'en'], {
        description: 'The resident’s language, for the calendar file and what is sent later',
      }),
    ),
  },
  { additionalProperties: false },
)
export type BookingBody = Static<typeof BookingBody>

export const AppointmentDto = Type.Object({
  id: Id,
  code: Type.String({ pattern: '^[A-Z0-9]{6}$', description: 'Shown at the kiosk to check in' }),
  officeId: Id,
  queueId: Id,
  start: Instant,
  minutes: Type.Integer(),
  status: Type.Enum(['booked', 'checked-in', 'late', 'no-show', 'cancelled']),
})
export type AppointmentDto = Static<typeof AppointmentDto>

/** A typed booking code: six letters or digits, any case (look-alikes such as O for 0 are read). */
export const BookingCode = Type.String({
  pattern: '^[A-Za-z0-9]{6}$',
  description: 'The booking code; O is read as 0, I and L as 1',
})
export const CodeBody = Type.Object({ code: BookingCode }, { additionalProperties: false })
export const CodeParams = Type.Object({ code: BookingCode })

export const CheckInBody = Type.Object(
  {
    code: Type.Optional(BookingCode),
    identifier: Type.Optional(Identifier),
  },
  { additionalProperties: false, description: 'The booking code, or the personal number given at booking' },
)
export type CheckInBody = Static<typeof CheckInBody>
