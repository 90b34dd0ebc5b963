import { type Static, Type } from 'typebox'
import { Id, Instant, LocalDate } from '../../platform/http/schemas.js'
import { LANGUAGES } from '../../platform/i18n/index.js'

export const EligibleQuery = Type.Object({ officeId: Id, on: LocalDate }, { additionalProperties: false })

export const EligibleDto = Type.Object({
  officeId: Id,
  on: LocalDate,
  items: Type.Array(
    Type.Object({
      caseId: Id,
      sign: Type.String(),
      title: Type.String(),
      category: Type.String(),
      closedOn: LocalDate,
      eligibleFrom: Type.String({ format: 'date', description: '1 January of the year its time comes' }),
      action: Type.Enum(['destroy', 'review', 'transfer'], {
        description:
          '`destroy` (B<n>, Bc, with consent), `review` by the state archive (BE<n>), `transfer` to it (A)',
      }),
    }),
  ),
})

export const NewDestructionListBody = Type.Object(
  {
    officeId: Id,
    on: Type.Optional(
      Type.String({ format: 'date', description: 'The day eligibility is counted for; today by default' }),
    ),
  },
  { additionalProperties: false },
)
export type NewDestructionListBody = Static<typeof NewDestructionListBody>

export const ConsentBody = Type.Object(
  {
    reference: Type.String({
      minLength: 1,
      maxLength: 200,
      description: "The state archive's sign of its consent",
    }),
    consentedOn: LocalDate,
  },
  { additionalProperties: false },
)
export type ConsentBody = Static<typeof ConsentBody>

export const DestructionListDto = Type.Object({
  id: Id,
  officeId: Id,
  number: Type.String({ description: 'BN/<office>/<n>/<yyyy>' }),
  asOf: LocalDate,
  status: Type.Enum(['awaiting-consent', 'consented', 'destroyed']),
  consent: Type.Union([
    Type.Object({ reference: Type.String(), on: LocalDate, recordedBy: Type.String() }),
    Type.Null(),
  ]),
  destroyedAt: Type.Union([Instant, Type.Null()]),
  items: Type.Array(
    Type.Object({
      caseId: Id,
      sign: Type.String(),
      title: Type.String(),
      category: Type.String(),
      closedOn: LocalDate,
    }),
  ),
  createdAt: Instant,
  createdBy: Type.String(),
})

export const ListPdfQuery = Type.Object(
  { lang: Type.Optional(Type.Enum(LANGUAGES)) },
  { additionalProperties: false },
)

export const TransferBody = Type.Object(
  {
    reference: Type.String({
      minLength: 1,
      maxLength: 200,
      description: "The state archive's sign of the transfer",
    }),
    transferredOn: LocalDate,
  },
  { additionalProperties: false },
)
