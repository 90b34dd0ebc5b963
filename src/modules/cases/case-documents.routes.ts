import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { sendStoredFile } from '../../platform/http/download.js'
import { IfMatchHeaders, ifMatchVersion, setEtag } from '../../platform/http/etag.js'
import { problemResponses } from '../../platform/http/schemas.js'
import { uploadForm, withUpload } from '../../platform/http/upload.js'
import { assertValid } from '../../platform/http/validate.js'
import { actorOf } from '../identity/index.js'
import {
  ContentQuery,
  DocumentDto,
  DocumentParams,
  DocumentVersionParams,
  EditDocumentBody,
  LinkLetterBody,
  NewDocumentBody,
  SealDocumentBody,
} from './case-documents.schemas.js'
import { CaseDto, CaseParams } from './cases.schemas.js'
import type { CasesService } from './cases.service.js'

const tags = ['cases']
const changing = { ...problemResponses, 409: Type.Ref('Problem'), 412: Type.Ref('Problem') }
const ReasonField = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) },
  { additionalProperties: false },
)

/** A case's file over HTTP: documents, their versions and content, and letters linked to the case. */
export function caseDocumentsRoutes(cases: CasesService) {
  return async (app: AppInstance) => {
    const auth = { onRequest: app.authenticate }

    app.get(
      '/api/v1/cases/:id/documents',
      {
        ...auth,
        schema: {
          tags,
          summary: "The case's file: its documents in order, with metadata and versions",
          params: CaseParams,
          response: { 200: Type.Object({ items: Type.Array(DocumentDto) }), ...problemResponses },
        },
      },
      async (req) => ({ items: await cases.listDocuments(actorOf(req), req.params.id) }),
    )

    app.post(
      '/api/v1/cases/:id/documents',
      {
        ...auth,
        schema: {
          tags,
          summary:
            'Add a document to the case file (its metadata; the file follows as a version, or none for paper only) (assignee, head)',
          params: CaseParams,
          body: NewDocumentBody,
          response: { 201: DocumentDto, ...changing },
        },
      },
      async (req, reply) => {
        const dto = await cases.addDocument(actorOf(req), req.params.id, req.body)
        setEtag(reply, dto.version)
        return reply.code(201).send(dto)
      },
    )

    app.get(
      '/api/v1/cases/:id/documents/:documentId',
      {
        ...auth,
        schema: {
          tags,
          summary: 'One document of the case file, with its versions',
          params: DocumentParams,
          response: { 200: DocumentDto, ...problemResponses },
        },
      },
      async (req, reply) => {
        const dto = await cases.getDocument(actorOf(req), req.params.id, req.params.documentId)
        setEtag(reply, dto.version)
        return dto
      },
    )

    app.patch(
      '/api/v1/cases/:id/documents/:documentId',
      {
        ...auth,
        schema: {
          tags,
          summary: "Correct a document's metadata (assignee, head; audited with what it was)",
          params: DocumentParams,
          headers: IfMatchHeaders,
          body: EditDocumentBody,
          response: { 200: DocumentDto, ...changing },
        },
      },
      async (req, reply) => {
        const dto = await cases.editDocument(
          actorOf(req),
          req.params.id,
          req.params.documentId,
          req.body,
          ifMatchVersion(req),
        )
        setEtag(reply, dto.version)
        return dto
      },
    )

    app.post(
      '/api/v1/cases/:id/documents/:documentId/versions',
      {
        ...auth,
        schema: {
          tags,
          summary:
            'Add a version of the document (multipart/form-data: `reason` first, then `file`; size and type limits apply)',
          consumes: ['multipart/form-data'],
          params: DocumentParams,
          headers: IfMatchHeaders,
          uploadForm: uploadForm('The new version', { reason: 'Why it changed (optional)' }),
          response: {
            201: DocumentDto,
            413: Type.Ref('Problem'),
            415: Type.Ref('Problem'),
            ...changing,
          },
        },
      },
      async (req, reply) =>
        withUpload(req, async (upload) => {
          const { reason } = assertValid(
            ReasonField,
            upload.fields.reason ? { reason: upload.fields.reason } : {},
          )
          const dto = await cases.addDocumentVersion(
            actorOf(req),
            req.params.id,
            req.params.documentId,
            upload,
            reason,
            ifMatchVersion(req),
          )
          setEtag(reply, dto.version)
          return reply.code(201).send(dto)
        }),
    )

    app.post(
      '/api/v1/cases/:id/documents/:documentId/seal',
      {
        ...auth,
        schema: {
          tags,
          summary:
            "Seal the document's current version (PDF: PAdES, XML: XAdES) with the office's seal on the head's behalf: the sealed file becomes the next version (heads of the unit)",
          params: DocumentParams,
          headers: IfMatchHeaders,
          body: SealDocumentBody,
          response: { 201: DocumentDto, ...changing },
        },
      },
      async (req, reply) => {
        const dto = await cases.sealDocument(
          actorOf(req),
          req.params.id,
          req.params.documentId,
          { visible: req.body?.visible ?? true },
          ifMatchVersion(req),
        )
        setEtag(reply, dto.version)
        return reply.code(201).send(dto)
      },
    )

    app.get(
      '/api/v1/cases/:id/documents/:documentId/versions/:version/content',
      {
        ...auth,
        schema: {
          tags,
          summary: "A version's file; `disposition=inline` shows a PDF, image or text in the browser",
          params: DocumentVersionParams,
          querystring: ContentQuery,
          // The file's own type, whatever was added (PDF, XML, an image, text…).
          produces: ['*/*'],
          response: { 200: Type.Unknown({ description: 'The file as it was added' }), ...problemResponses },
        },
      },
      async (req, reply) => {
        const file = await cases.openDocumentVersion(
          actorOf(req),
          req.params.id,
          req.params.documentId,
          req.params.version,
        )
        return sendStoredFile(reply, file, { inline: req.query.disposition === 'inline' })
      },
    )

    app.post(
      '/api/v1/cases/:id/letters',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Link an incoming or outgoing letter of the office to the case (assignee, head)',
          params: CaseParams,
          body: LinkLetterBody,
          response: { 200: CaseDto, ...changing },
        },
      },
      async (req, reply) => {
        const dto = await cases.linkLetter(actorOf(req), req.params.id, req.body.entryId)
        setEtag(reply, dto.version)
        return dto
      },
    )
  }
}
