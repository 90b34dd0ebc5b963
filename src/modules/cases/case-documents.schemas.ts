import { type Static, Type } from 'typebox'
import { Id, Instant, LocalDate, SignaturesFound } from '../../platform/http/schemas.js'

const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) })
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])

/** What a document is (its type in the metadata). */
export const DOCUMENT_KINDS = [
  'application',
  'letter',
  'decision',
  'order',
  'certificate',
  'protocol',
  'note',
  'attachment',
  'other',
] as const
/** Born digital, a digitised copy of paper, or paper only (the file holds a note of where it is). */
export const DOCUMENT_FORMS = ['born-digital', 'digitised', 'paper'] as const
/** Who may see it: anyone on request, only the parties, or only the office. */
export const DOCUMENT_ACCESS = ['public', 'parties', 'internal'] as const
export const TEXT_STATUSES = ['pending', 'done', 'none', 'refused'] as const

const metadataFields = {
  title: Text(500),
  kind: Type.Enum(DOCUMENT_KINDS),
  form: Type.Enum(DOCUMENT_FORMS),
  access: Type.Optional(Type.Enum(DOCUMENT_ACCESS, { default: 'internal' })),
  language: Type.Optional(
    Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639 code; the office language by default' }),
  ),
  documentDate: Type.Optional(LocalDate),
  creator: Type.Optional(Text(300, 'Who made it; the officer adding it by default')),
  recipient: Type.Optional(Nullable(Text(300))),
  relation: Type.Optional(
    Nullable(Text(300, 'How it relates to other documents or letters, e.g. "reply to RPW/12/2026"')),
  ),
  description: Type.Optional(Nullable(Text(2000))),
  paperLocation: Type.Optional(Nullable(Text(300, 'Where the paper original is kept'))),
}

export const NewDocumentBody = Type.Object(metadataFields, { additionalProperties: false })
export type NewDocumentBody = Static<typeof NewDocumentBody>

export const EditDocumentBody = Type.Object(
  {
    title: Type.Optional(metadataFields.title),
    kind: Type.Optional(metadataFields.kind),
    access: metadataFields.access,
    language: metadataFields.language,
    documentDate: metadataFields.documentDate,
    creator: metadataFields.creator,
    recipient: metadataFields.recipient,
    relation: metadataFields.relation,
    description: metadataFields.description,
    paperLocation: metadataFields.paperLocation,
  },
  { additionalProperties: false, minProperties: 1 },
)
export type EditDocumentBody = Static<typeof EditDocumentBody>

export const SealDocumentBody = Type.Object(
  {
    visible: Type.Optional(
      Type.Boolean({
        default: true,
        description: 'A PDF seal drawn at the foot of the last page; false: invisible',
      }),
    ),
  },
  { additionalProperties: false },
)

/** Who signed a version, as the validator found it when the version was stored. */
export const DocumentSignatures = SignaturesFound
export type DocumentSignatures = Static<typeof DocumentSignatures>

export const DocumentVersionDto = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  format: Type.String({ description: 'Media type, told by the content' }),
  size: Type.Integer(),
  sha256: Type.String(),
  reason: Nullable(Type.String()),
  text: Type.Enum(TEXT_STATUSES, { description: 'Whether its text was read for search' }),
  textNote: Nullable(Type.String()),
  signatures: Nullable(DocumentSignatures),
  createdAt: Instant,
  createdBy: Type.String(),
})

/**
 * The Polish minimum metadata set of a document (rozporządzenie w sprawie instrukcji kancelaryjnej,
 * załącznik nr 2): the mandatory elements first, then the optional ones this office keeps.
 */
export const DocumentMetadata = Type.Object({
  identifier: Type.String({ description: 'The case sign and the document number in its file' }),
  creator: Type.String(),
  title: Type.String(),
  date: Type.Object({ created: LocalDate, added: Instant }),
  format: Type.String({ description: "The current version's media type, or `paper`" }),
  access: Type.Enum(DOCUMENT_ACCESS),
  type: Type.Object({
    class: Type.Enum(['Text', 'StillImage', 'Dataset', 'PhysicalObject'], { description: 'DCMI type' }),
    kind: Type.Enum(DOCUMENT_KINDS),
  }),
  relation: Nullable(Type.String()),
  recipient: Nullable(Type.String()),
  grouping: Type.String({ description: 'The case sign' }),
  category: Type.String({ description: "The archival category, from the case's class" }),
  language: Type.String(),
  description: Nullable(Type.String()),
})

export const DocumentDto = Type.Object({
  id: Id,
  caseId: Id,
  number: Type.Integer({ description: 'Its place in the case file' }),
  title: Type.String(),
  kind: Type.Enum(DOCUMENT_KINDS),
  form: Type.Enum(DOCUMENT_FORMS),
  paperLocation: Nullable(Type.String()),
  metadata: DocumentMetadata,
  currentVersion: Type.Integer({ description: '0 while no file is added' }),
  versions: Type.Array(DocumentVersionDto, { description: 'Newest first' }),
  version: Type.Integer({ description: 'Changes of the record, for If-Match' }),
  createdAt: Instant,
  createdBy: Type.String(),
  updatedAt: Instant,
})
export type DocumentDto = Static<typeof DocumentDto>

export const DocumentParams = Type.Object({ id: Id, documentId: Id })
export const DocumentVersionParams = Type.Object({
  id: Id,
  documentId: Id,
  version: Type.Integer({ minimum: 1, maximum: 100_000 }),
})
export const ContentQuery = Type.Object(
  {
    disposition: Type.Optional(
      Type.Enum(['inline', 'attachment'], {
        default: 'attachment',
        description: 'inline: shown in the browser (PDF, images, text), for a preview',
      }),
    ),
  },
  { additionalProperties: false },
)

export const LinkLetterBody = Type.Object(
  { entryId: Id },
  { additionalProperties: false, description: 'An incoming or outgoing letter of the same office' },
)
