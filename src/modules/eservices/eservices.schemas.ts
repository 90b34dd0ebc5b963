import { type Static, Type } from 'typebox'
import { Id, Instant, LocalDate } from '../../platform/http/schemas.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])

export const TRACKING_CODE = '^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$'
const Base64 = (description: string, maxLength: number) =>
  Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$', maxLength, description })

export const LANGS = ['uk', 'pl', 'en'] as const
export const APPLICATION_STATUSES = [
  'submitted',
  'registered',
  'assigned',
  'in-progress',
  'awaiting-applicant',
  'decided',
  'dispatched',
  'closed',
] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

const AnswerValue = Type.Union([
  Type.String({ maxLength: 20000 }),
  Type.Number(),
  Type.Boolean(),
  Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 }),
])

/** Up to 10 MB of files in one JSON body (base64); larger files go through the multipart form. */
export const APPLICATION_BODY_LIMIT = 15 * 1024 * 1024

export const ApplicationBody = Type.Object(
  {
    service: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,63}$', description: "The service card's code" }),
    officeId: Id,
    language: Type.Enum(LANGS, { description: 'The language the applicant filled the form in' }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: "The applicant's name" })),
    answers: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }), AnswerValue, {
      description: "Answers by question key; a file question's answer comes in `files`",
    }),
    files: Type.Optional(
      Type.Array(
        Type.Object(
          {
            question: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            mediaType: Type.Optional(Type.String({ maxLength: 100 })),
            content: Base64('The file, base64', 14_000_000),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
    signedDocument: Type.Optional(
      Base64(
        'The application document signed by the applicant (XAdES enveloped, or CAdES .p7s), base64; when the card requires a signature',
        14_000_000,
      ),
    ),
  },
  { additionalProperties: false },
)
export type ApplicationBody = Static<typeof ApplicationBody>

export const DocumentBody = Type.Omit(ApplicationBody, ['signedDocument'])
export type DocumentBody = Static<typeof DocumentBody>

const ReceiptSummary = Type.Object({
  id: Id,
  kind: Type.Enum(['submission', 'receipt']),
  createdAt: Instant,
  sealed: Type.Boolean({ description: 'The office has sealed it (the official acknowledgement)' }),
  level: Nullable(Type.Enum(['B', 'T'])),
  url: Nullable(Type.String({ description: 'Where the sealed XML is downloaded' })),
  pdfUrl: Nullable(
    Type.String({ description: 'Its PDF rendition, with a QR code to check the sealed original' }),
  ),
})

export const ApplicationCreated = Type.Object({
  id: Id,
  number: Type.String({ description: "The incoming register's number" }),
  trackingCode: Type.String({
    description: 'Given once: with the number, it finds the application without an account',
  }),
  caseSign: Nullable(Type.String()),
  submittedAt: Instant,
  acknowledgement: ReceiptSummary,
  receipt: ReceiptSummary,
})

export const ApplicationStatusDto = Type.Object({
  id: Id,
  number: Type.String(),
  service: Type.Object({ code: Type.String(), version: Type.Integer() }),
  officeId: Id,
  status: Type.Enum(APPLICATION_STATUSES),
  submittedAt: Instant,
  caseSign: Nullable(Type.String()),
  expectedBy: Nullable(LocalDate),
  request: Nullable(
    Type.String({ description: 'What the office asks of the applicant, while it waits for them' }),
  ),
  history: Type.Array(Type.Object({ status: Type.Enum(APPLICATION_STATUSES), at: Instant })),
  receipts: Type.Array(ReceiptSummary),
})
export type ApplicationStatusDto = Static<typeof ApplicationStatusDto>

export const TrackQuery = Type.Object({
  number: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'The registration number on the receipt',
  }),
  code: Type.String({ pattern: TRACKING_CODE, description: 'The tracking code given when it was sent' }),
})

export const ReceiptVerification = Type.Object({
  valid: Type.Boolean({ description: 'The seal passed and is the seal of the office the receipt names' }),
  indication: Type.Enum(['TOTAL_PASSED', 'INDETERMINATE', 'TOTAL_FAILED']),
  subIndication: Nullable(Type.String()),
  detail: Type.String(),
  receipt: Nullable(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      office: Type.Object({ code: Type.String(), name: Type.String() }),
      enteredAt: Type.String(),
      createdAt: Type.String(),
      number: Type.String(),
      application: Type.String(),
      service: Type.Object({ code: Type.String(), name: Type.String() }),
      files: Type.Array(Type.Object({ name: Type.String(), sha256: Type.String() })),
    }),
  ),
  sealedBy: Nullable(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      sameOffice: Type.Boolean({ description: 'The seal is that of the office the receipt names' }),
    }),
  ),
  issuedHere: Type.Boolean({ description: 'This very file is a receipt this system issued' }),
  level: Nullable(Type.String()),
  sealedAt: Nullable(Type.String({ description: 'The time-stamp, or the claimed signing time' })),
})
export type ReceiptVerificationDto = Static<typeof ReceiptVerification>

export const SignInLinkBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 200 }),
    next: Type.Optional(
      Type.String({ pattern: '^/[A-Za-z0-9/_?=&.-]{0,300}$', description: 'A path of this site' }),
    ),
    language: Type.Optional(Type.Enum(LANGS)),
  },
  { additionalProperties: false },
)
export type SignInLinkBody = Static<typeof SignInLinkBody>

export const ResidentDto = Type.Object({
  id: Id,
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  identifier: Nullable(Type.Object({ kind: Type.String(), value: Type.String() })),
  verified: Type.Boolean({ description: 'Signed in with an identity provider (not an e-mail link only)' }),
  csrfToken: Type.String({ description: 'Send it as `x-csrf-token` with every change' }),
})

export const AnswerBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 20000, description: 'The answer to what the office asked' }),
    files: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            mediaType: Type.Optional(Type.String({ maxLength: 100 })),
            content: Base64('The file, base64', 14_000_000),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
  },
  { additionalProperties: false },
)
export type AnswerBody = Static<typeof AnswerBody>

export const LetterDto = Type.Object({
  id: Id,
  applicationId: Id,
  number: Type.String({ description: "The letter's outgoing number" }),
  title: Type.String(),
  fileName: Type.String(),
  dispatchedAt: Instant,
  openedAt: Nullable(Instant),
})

export const ApplicationParams = Type.Object({ id: Id })
export const ReceiptParams = Type.Object({ id: Id })
