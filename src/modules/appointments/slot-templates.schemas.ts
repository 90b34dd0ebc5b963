import { type Static, Type } from 'typebox'
import { Id, Instant, LocalDate } from '../../platform/http/schemas.js'

const LocalTime = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  description: 'Office-local time, HH:MM',
})

export const SlotTemplateBody = Type.Object(
  {
    queueId: Id,
    weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
      minItems: 1,
      maxItems: 7,
      uniqueItems: true,
      description: 'ISO weekdays: 1 is Monday, 7 is Sunday',
    }),
    from: LocalTime,
    to: LocalTime,
    minutes: Type.Integer({ minimum: 5, maximum: 240, description: 'Length of one slot' }),
    capacity: Type.Integer({ minimum: 1, maximum: 50, description: 'Bookings one slot takes' }),
  },
  { additionalProperties: false },
)
export type SlotTemplateBody = Static<typeof SlotTemplateBody>

export const SlotTemplateDto = Type.Object({
  id: Id,
  queueId: Id,
  weekdays: Type.Array(Type.Integer()),
  from: Type.String(),
  to: Type.String(),
  minutes: Type.Integer(),
  capacity: Type.Integer(),
  createdAt: Instant,
})
export type SlotTemplateDto = Static<typeof SlotTemplateDto>

export const TemplateParams = Type.Object({ id: Id, templateId: Id })
export const DateParams = Type.Object({ id: Id, date: LocalDate })

export const BookingExceptionBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 200, description: 'Why there are no bookings that day' }),
  },
  { additionalProperties: false },
)
export const BookingExceptionDto = Type.Object({
  date: LocalDate,
  reason: Type.String(),
  bookings: Type.Integer({
    description: 'Bookings already made for that day (they stay; tell the residents)',
  }),
})
export type BookingExceptionDto = Static<typeof BookingExceptionDto>

export const DayBookingDto = Type.Object({
  id: Id,
  code: Type.String(),
  queueId: Id,
  time: Type.String({ description: 'Office-local start time' }),
  start: Instant,
  name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(['booked', 'checked-in', 'late', 'no-show', 'cancelled']),
})
export type DayBookingDto = Static<typeof DayBookingDto>

export const DayQuery = Type.Object({ date: LocalDate })
