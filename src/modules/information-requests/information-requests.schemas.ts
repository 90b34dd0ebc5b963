import { type Static, Type } from 'typebox'
import { Id, Instant, LocalDate } from '../../platform/http/schemas.js'
import { DueStepSchema } from '../deadlines/index.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])

export const TRACKING_CODE = '^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$'
export const DELIVERIES = ['email', 'post', 'pickup'] as const

export const InformationRequestBody = Type.Object(
  {
    officeId: Id,
    request: Type.String({ minLength: 10, maxLength: 5000, description: 'What information is asked for' }),
    name: Type.Optional(
      Nullable(
        Type.String({ minLength: 1, maxLength: 300, description: 'Optional: a request may be anonymous' }),
      ),
    ),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    address: Type.Optional(Nullable(Type.String({ minLength: 5, maxLength: 500 }))),
    delivery: Type.Enum(DELIVERIES, {
      description: 'How the answer should reach the requester: `email` needs email, `post` an address',
    }),
  },
  { additionalProperties: false },
)
export type InformationRequestBody = Static<typeof InformationRequestBody>

export const TrackingParams = Type.Object({
  code: Type.String({ pattern: TRACKING_CODE, description: 'The tracking code given when it was sent' }),
})

export const RefusalBody = Type.Object(
  {
    reason: Type.String({
      minLength: 10,
      maxLength: 4000,
      description: 'The grounds of the refusal decision',
    }),
  },
  { additionalProperties: false },
)
export type RefusalBody = Static<typeof RefusalBody>

export const REQUEST_STATES = ['registered', 'in-progress', 'suspended', 'answered', 'refused'] as const

/** What the requester sees: no personal data, only where their request stands. */
export const InformationRequestStatusDto = Type.Object({
  trackingCode: Type.String(),
  office: Type.Object({ id: Id, name: Type.Record(Type.String(), Type.String()) }),
  letterNumber: Type.String({ description: 'Its number in the incoming register' }),
  caseSign: Type.String(),
  receivedOn: LocalDate,
  status: Type.Enum(REQUEST_STATES),
  dueOn: Nullable(LocalDate),
  dueSteps: Type.Array(DueStepSchema),
  extension: Nullable(
    Type.Object(
      { until: LocalDate, reason: Type.String(), notifiedOn: LocalDate },
      {
        description: 'The term extended (up to two months from the request), with the reason',
      },
    ),
  ),
  refusal: Nullable(Type.Object({ on: LocalDate, reason: Type.String() })),
  createdAt: Instant,
})
export type InformationRequestStatusDto = Static<typeof InformationRequestStatusDto>
