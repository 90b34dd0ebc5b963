import { type Static, Type } from 'typebox'
import { ERROR_CODES, type ErrorCode } from '../error-codes.js'

/** Shared TypeBox schemas for the API: ids, multilingual text, lists, problems. */
export const Id = Type.String({ format: 'uuid', description: 'Identifier (UUID)' })
export const IdParams = Type.Object({ id: Id })
/** `/offices/:officeId/…` */
export const OfficeIdParams = Type.Object({ officeId: Id })

export const MultilingualText = Type.Object(
  {
    uk: Type.String({ minLength: 1, maxLength: 2000 }),
    pl: Type.String({ minLength: 1, maxLength: 2000 }),
    en: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false, description: 'Text in Ukrainian, Polish and English' },
)

/** A calendar date that exists (`2026-02-30` is refused), e.g. an office-local day. */
export const LocalDate = Type.String({ format: 'date', description: 'Calendar date YYYY-MM-DD' })

/** A web address a page may link to: http or https only (no `javascript:` or `data:`). */
export const WebUrl = Type.String({
  format: 'uri',
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://\\S+$',
  maxLength: 1000,
  description: 'An http(s) address',
})

export const Instant = Type.String({ format: 'date-time', description: 'ISO-8601 instant with offset' })

export const FieldErrorSchema = Type.Object({ path: Type.String(), message: Type.String() })
export const ProblemSchema = Type.Object(
  {
    type: Type.String({
      format: 'uri-reference',
      description: 'The page explaining the code, e.g. /errors/not-found (/errors lists every code)',
    }),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.Unsafe<ErrorCode>({
      type: 'string',
      enum: Object.keys(ERROR_CODES),
      description: 'Stable error code to branch on, e.g. NOT_FOUND, VALIDATION_FAILED',
    }),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
    facts: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description:
          'Facts of the refusal a client may tell in its own words, e.g. opensAt, date and today (TOO_EARLY), officeId (BOOKING_AT_ANOTHER_OFFICE), date (BOOKING_EXPIRED)',
      }),
    ),
    requestId: Type.Optional(Type.String()),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
)

/** The error answers every API route may give, for the OpenAPI document. */
export const problemResponses = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  422: Type.Ref('Problem'),
} as const

/** A list answer: `{ "items": [...] }`. */
export const listOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item) })

/** Who signed a stored file, as the validator found it when the file was stored. */
export const SignaturesFound = Type.Array(
  Type.Object({
    format: Type.String(),
    indication: Type.String(),
    subIndication: Type.Union([Type.String(), Type.Null()]),
    signer: Type.Union([Type.String({ description: "The signer's certificate subject" }), Type.Null()]),
    identifiers: Type.Array(Type.Object({ kind: Type.String(), value: Type.String() })),
    signingTime: Type.Union([Type.String(), Type.Null()]),
  }),
  { description: 'Who signed it, as validated when stored; null until checked, empty when not signed' },
)
export type SignaturesFound = Static<typeof SignaturesFound>
