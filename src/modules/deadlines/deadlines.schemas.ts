import { type Static, Type } from 'typebox'
import { LocalDate } from '../../platform/http/schemas.js'

export const DueQuery = Type.Object({
  from: LocalDate,
  term: Type.String({
    pattern: '^P[1-9][0-9]{0,3}[DWM]$',
    description: 'ISO 8601 duration in days, weeks or months: P14D, P2W, P1M, P2M',
  }),
  calendar: Type.Union([Type.Literal('PL'), Type.Literal('UA')], {
    description: 'Whose working days count: PL, or UA (days off as the network set them for the year)',
  }),
})
export type DueQuery = Static<typeof DueQuery>

/** One step of how a due date was reached. */
export const DueStep = Type.Object({
  kind: Type.Enum(
    [
      'start',
      'days',
      'weeks',
      'months',
      'end-of-month',
      'notice',
      'suspended',
      'saturday',
      'sunday',
      'day-off',
      'due',
    ],
    {
      description:
        '`start`: the day of the event (not counted); `days`/`weeks`/`months`: the term added; `end-of-month`: that month has no such day; `notice`: the new date a KPA art. 36 notice set; `suspended`: days of suspension added (KPA art. 35 §5); `saturday`/`sunday`/`day-off`: the term cannot end then and moves on; `due`: the last day',
    },
  ),
  date: LocalDate,
  amount: Type.Optional(Type.Integer()),
  name: Type.Optional(Type.String({ description: 'The day off (a public holiday, a closure)' })),
})

export const DueDto = Type.Object({
  from: LocalDate,
  term: Type.String(),
  calendar: Type.String(),
  due: LocalDate,
  steps: Type.Array(DueStep, { description: 'How the due date was reached, to explain it to a resident' }),
})
export type DueDto = Static<typeof DueDto>

export const StatutoryTermDto = Type.Object({
  code: Type.String(),
  country: Type.String(),
  term: Type.String({ description: 'ISO 8601: P1M, P14D' }),
  law: Type.String(),
})
export const StatutoryTermsDto = Type.Object({ items: Type.Array(StatutoryTermDto) })
