import { type Static, Type } from 'typebox'
import { LocalDate } from '../../platform/http/schemas.js'

export const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 (PL, UA)' })

export const CalendarDayDto = Type.Object({
  date: LocalDate,
  name: Type.String(),
  dayOff: Type.Boolean({ description: 'Offices are closed that day' }),
  source: Type.Union([Type.Literal('library'), Type.Literal('network')], {
    description: '`library`: the public holiday as the law has it; `network`: set by the network',
  }),
})
export type CalendarDayDto = Static<typeof CalendarDayDto>

export const CalendarYearDto = Type.Object({
  country: Country,
  year: Type.Integer(),
  items: Type.Array(CalendarDayDto),
})
export type CalendarYearDto = Static<typeof CalendarYearDto>

export const CalendarYearParams = Type.Object({
  country: Country,
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
})

export const CalendarDayParams = Type.Object({ country: Country, date: LocalDate })

export const CalendarDayBody = Type.Object(
  {
    dayOff: Type.Boolean(),
    name: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
)
export type CalendarDayBody = Static<typeof CalendarDayBody>
