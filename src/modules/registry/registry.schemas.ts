import { type Static, Type } from 'typebox'
import { Id, Instant, LocalDate, SignaturesFound } from '../../platform/http/schemas.js'
import { LANGUAGES } from '../../platform/i18n/index.js'

/** How a letter reached the office. */
export const CHANNELS = ['paper', 'email', 'eservice', 'epuap', 'courier', 'in-person', 'fax'] as const
/** How a letter leaves it. */
export const DISPATCH_METHODS = [
  'post',
  'registered-post',
  'email',
  'eservice',
  'in-person',
  'courier',
] as const
export const INCOMING_STATUSES = ['registered', 'assigned', 'voided'] as const
export const OUTGOING_STATUSES = ['registered', 'dispatched', 'delivered', 'voided'] as const
export type Direction = 'incoming' | 'outgoing'

const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) })
/** A value the letter may not give: null records it as missing rather than inventing one. */
const OrMissing = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description: `${description}; null: not given (recorded as missing)` })

export const PostalAddress = Type.Object(
  {
    street: Type.Optional(OrMissing(Text(200), 'Street and number')),
    postcode: Type.Optional(OrMissing(Text(20), 'Postcode')),
    city: Type.Optional(OrMissing(Text(100), 'Town or city')),
    country: Type.Optional(OrMissing(Type.String({ pattern: '^[A-Z]{2}$' }), 'ISO 3166-1 alpha-2')),
  },
  { additionalProperties: false },
)

/** Who sent a letter or receives one. */
export const Correspondent = Type.Object(
  {
    kind: Type.Enum(['person', 'organisation', 'unknown'], {
      description: '`unknown`: the letter does not say (an anonymous letter)',
    }),
    name: OrMissing(Text(300), 'Name of the person or organisation'),
    address: Type.Optional(Type.Union([PostalAddress, Type.Null()])),
    email: Type.Optional(OrMissing(Type.String({ format: 'email', maxLength: 200 }), 'E-mail address')),
  },
  { additionalProperties: false },
)
export type Correspondent = Static<typeof Correspondent>

const Title = Text(500, 'Subject of the letter')
const Attachments = Type.Integer({ minimum: 0, maximum: 9999, description: 'Number of attachments' })
const Notes = OrMissing(Text(2000), 'Notes')
const LetterDate = OrMissing(LocalDate, 'The date the letter bears')

export const IncomingBody = Type.Object(
  {
    receivedAt: Instant,
    channel: Type.Enum(CHANNELS),
    sender: Correspondent,
    title: Title,
    letterDate: Type.Optional(LetterDate),
    senderReference: Type.Optional(OrMissing(Text(100), "The sender's reference (their sign)")),
    attachments: Type.Optional(Attachments),
    notes: Type.Optional(Notes),
    assignee: Type.Optional(
      Type.Object(
        { unitId: Id, userId: Type.Optional(Type.Union([Id, Type.Null()])) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type IncomingBody = Static<typeof IncomingBody>

export const IncomingPatch = Type.Object(
  {
    receivedAt: Type.Optional(Instant),
    channel: Type.Optional(Type.Enum(CHANNELS)),
    sender: Type.Optional(Correspondent),
    title: Type.Optional(Title),
    letterDate: Type.Optional(LetterDate),
    senderReference: Type.Optional(OrMissing(Text(100), "The sender's reference")),
    attachments: Type.Optional(Attachments),
    notes: Type.Optional(Notes),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type IncomingPatch = Static<typeof IncomingPatch>

export const OutgoingBody = Type.Object(
  {
    recipient: Correspondent,
    title: Title,
    method: Type.Enum(DISPATCH_METHODS),
    letterDate: Type.Optional(LetterDate),
    reference: Type.Optional(OrMissing(Text(100), 'Our reference, e.g. the case sign')),
    attachments: Type.Optional(Attachments),
    notes: Type.Optional(Notes),
    unitId: Type.Optional(Type.Union([Id, Type.Null()], { description: 'The unit the letter is from' })),
  },
  { additionalProperties: false },
)
export type OutgoingBody = Static<typeof OutgoingBody>

export const OutgoingPatch = Type.Object(
  {
    recipient: Type.Optional(Correspondent),
    title: Type.Optional(Title),
    method: Type.Optional(Type.Enum(DISPATCH_METHODS)),
    letterDate: Type.Optional(LetterDate),
    reference: Type.Optional(OrMissing(Text(100), 'Our reference')),
    attachments: Type.Optional(Attachments),
    notes: Type.Optional(Notes),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type OutgoingPatch = Static<typeof OutgoingPatch>

export const VoidBody = Type.Object(
  { reason: Text(500, 'Why the entry is void (kept in the register)') },
  { additionalProperties: false },
)
export const AssignBody = Type.Object(
  {
    unitId: Id,
    userId: Type.Optional(Type.Union([Id, Type.Null()], { description: 'One officer of the unit' })),
  },
  { additionalProperties: false },
)
export type AssignBody = Static<typeof AssignBody>

export const DispatchBody = Type.Object(
  {
    dispatchedAt: Type.Optional(Instant),
    method: Type.Optional(Type.Enum(DISPATCH_METHODS)),
    trackingNumber: Type.Optional(OrMissing(Text(64), "The post's tracking number (registered post)")),
  },
  { additionalProperties: false },
)
export type DispatchBody = Static<typeof DispatchBody>

export const DeliveredBody = Type.Object(
  {
    deliveredOn: LocalDate,
    fileId: Type.Optional(
      Type.Union([Id, Type.Null()], { description: 'A file of this entry: the scanned return receipt' }),
    ),
  },
  { additionalProperties: false },
)
export type DeliveredBody = Static<typeof DeliveredBody>

export const FileDto = Type.Object({
  id: Id,
  name: Type.String(),
  type: Type.String({ description: 'Told by the first bytes: pdf, png, jpeg, xml, text…' }),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Instant,
  uploadedBy: Type.String(),
  signatures: Type.Union([SignaturesFound, Type.Null()]),
})
export type FileDto = Static<typeof FileDto>

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])
const CorrespondentDto = Type.Object({
  kind: Type.String(),
  name: Nullable(Type.String()),
  address: Nullable(
    Type.Object({
      street: Nullable(Type.String()),
      postcode: Nullable(Type.String()),
      city: Nullable(Type.String()),
      country: Nullable(Type.String()),
    }),
  ),
  email: Nullable(Type.String()),
})

const entryFields = {
  id: Id,
  officeId: Id,
  number: Type.String({ description: 'As the register prints it: RPW/12/2026' }),
  year: Type.Integer(),
  seq: Type.Integer({ description: "Place in the year's register, from 1, gap-free" }),
  status: Type.String(),
  title: Type.String(),
  letterDate: Nullable(LocalDate),
  attachments: Type.Integer(),
  notes: Nullable(Type.String()),
  unitId: Nullable(Id),
  assigneeId: Nullable(Id),
  voidReason: Nullable(Type.String()),
  version: Type.Integer(),
  registeredAt: Instant,
  registeredBy: Type.String(),
  updatedAt: Instant,
  files: Type.Array(FileDto),
}

export const IncomingDto = Type.Object({
  ...entryFields,
  status: Type.Enum(INCOMING_STATUSES),
  receivedAt: Instant,
  channel: Type.Enum(CHANNELS),
  sender: CorrespondentDto,
  senderReference: Nullable(Type.String()),
})
export type IncomingDto = Static<typeof IncomingDto>

export const OutgoingDto = Type.Object({
  ...entryFields,
  status: Type.Enum(OUTGOING_STATUSES),
  recipient: CorrespondentDto,
  method: Type.Enum(DISPATCH_METHODS),
  reference: Nullable(Type.String()),
  trackingNumber: Nullable(Type.String()),
  dispatchedAt: Nullable(Instant),
  deliveredOn: Nullable(LocalDate),
  deliveryFileId: Nullable(Id),
})
export type OutgoingDto = Static<typeof OutgoingDto>

/** An entry's fields after one change, as its version history keeps them. */
export const EntryState = Type.Record(Type.String(), Type.Unknown())
export const EntryVersionDto = Type.Object({
  version: Type.Integer(),
  action: Type.String({ description: 'register, edit, assign, void, file, dispatch, deliver' }),
  changedAt: Instant,
  changedBy: Type.String(),
  state: EntryState,
})
export const EntryVersionsDto = Type.Object({ items: Type.Array(EntryVersionDto) })

export const OfficeParams = Type.Object({ officeId: Id })
export const EntryParams = Type.Object({ id: Id })
export const FileParams = Type.Object({ id: Id, fileId: Id })

export const ListQuery = Type.Object(
  {
    year: Type.Optional(
      Type.Integer({ minimum: 2000, maximum: 2100, description: "The register's year; default: this year" }),
    ),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Words of the number, subject, party or notes',
      }),
    ),
    status: Type.Optional(Type.String({ pattern: '^[a-z-]{1,20}$' })),
    unitId: Type.Optional(Id),
    assignedTo: Type.Optional(Type.Literal('me', { description: 'Only entries assigned to the caller' })),
    on: Type.Optional(LocalDate),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)
export type ListQuery = Static<typeof ListQuery>

export const RegisterPrintQuery = Type.Object(
  {
    period: Type.String({
      pattern: '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$',
      description: 'A year (2026), a month (2026-11) or a day (2026-11-30), office-local',
    }),
    format: Type.Optional(
      Type.Enum(['csv', 'pdf'], { default: 'pdf', description: 'pdf to print, csv for spreadsheets' }),
    ),
    lang: Type.Optional(
      Type.Enum(LANGUAGES, { description: "Language of the headings; default: the office's" }),
    ),
  },
  { additionalProperties: false },
)
export type RegisterPrintQuery = Static<typeof RegisterPrintQuery>
