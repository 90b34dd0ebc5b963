import type { Readable } from 'node:stream'
import type {} from '@fastify/multipart'
import { Type } from 'typebox'
import { mediaTypeOf } from '../../platform/blobs.js'
import { AppError, invalid } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import {
  type Direction,
  EntryParams,
  FileParams,
  IncomingDto,
  OfficeParams,
  OutgoingDto,
  RegisterPrintQuery,
} from './registry.schemas.js'
import type { RegistryService } from './registry.service.js'

const tags = ['registry']

/**
 * The upload's form, for the OpenAPI document only (`uploadForm`, see app/openapi.ts): the body is a
 * stream @fastify/multipart reads, never parsed into an object a schema could check.
 */
const UploadForm = {
  type: 'object',
  properties: { file: { type: 'string', format: 'binary', description: 'The scan or attachment' } },
  required: ['file'],
}

/** A broken multipart stream (cut short, malformed headers) is the sender's fault: 400, never 500. */
function uploadProblem(error: unknown): unknown {
  if (error instanceof AppError) return error
  // Not a form at all: the error handler answers it as the 415 it is.
  if ((error as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return error
  const e = error as { fromUpload?: boolean; statusCode?: number; message?: string; code?: string }
  if (e.fromUpload || e.code?.startsWith('FST_'))
    return new AppError(
      e.statusCode === 413 ? 'FILE_TOO_LARGE' : 'MALFORMED_UPLOAD',
      e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 400,
      e.statusCode === 413 ? 'The file is too large' : 'The upload could not be read',
      e.message,
    )
  return error
}

/** An entry's files (upload streamed to the blob store, download) and the printed registers. */
export function registerFilesRoutes(registry: RegistryService) {
  return async (app: AppInstance) => {
    const auth = { onRequest: app.authenticate }
    for (const direction of ['incoming', 'outgoing'] as const satisfies Direction[]) {
      const Dto = direction === 'incoming' ? IncomingDto : OutgoingDto

      app.post(
        `/api/v1/${direction}/:id/files`,
        {
          ...auth,
          schema: {
            tags,
            summary: `Add a file to an ${direction} entry (multipart/form-data, one file; size and type limits apply)`,
            consumes: ['multipart/form-data'],
            params: EntryParams,
            uploadForm: UploadForm,
            response: {
              201: Dto,
              409: Type.Ref('Problem'),
              413: Type.Ref('Problem'),
              415: Type.Ref('Problem'),
              ...problemResponses,
            },
          },
        },
        async (req, reply) => {
          let upload: Readable | undefined
          try {
            const part = await req.file().catch((error: Error & { fromUpload?: boolean }) => {
              // Reading the form failed before any file: the form is broken.
              if (!(error instanceof AppError)) error.fromUpload = true
              throw error
            })
            if (!part) throw invalid([{ path: 'body.file', message: 'a file is required' }])
            upload = part.file
            const entry = await registry.addFile(actorOf(req), direction, req.params.id, {
              content: part.file,
              name: part.filename,
              mediaType: part.mimetype,
            })
            return reply.code(201).send(entry)
          } catch (error) {
            // The form's stream itself failed (cut short, malformed): the sender's fault.
            if (upload?.errored === error) (error as { fromUpload?: boolean }).fromUpload = true
            throw uploadProblem(error)
          }
        },
      )

      app.get(
        `/api/v1/${direction}/:id/files/:fileId`,
        {
          ...auth,
          schema: {
            tags,
            summary: `Download a file of an ${direction} entry`,
            params: FileParams,
            response: {
              200: Type.Unknown({ description: 'The file as it was uploaded' }),
              ...problemResponses,
            },
          },
        },
        async (req, reply) => {
          const { file, content } = await registry.openFile(
            actorOf(req),
            direction,
            req.params.id,
            req.params.fileId,
          )
          return reply
            .type(mediaTypeOf(file.type))
            .header('content-length', file.size)
            .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
            .send(content)
        },
      )

      app.get(
        `/api/v1/offices/:officeId/${direction}/register`,
        {
          ...auth,
          schema: {
            tags,
            summary: `The ${direction} register of a year, month or day, to print (PDF) or keep (CSV) (chancellery, manager)`,
            params: OfficeParams,
            querystring: RegisterPrintQuery,
            response: {
              200: Type.Unknown({ description: 'application/pdf or text/csv' }),
              ...problemResponses,
            },
          },
        },
        async (req, reply) => {
          const format = req.query.format ?? 'pdf'
          const printed = await registry.printRegister(
            actorOf(req),
            req.params.officeId,
            direction,
            req.query.period,
            format,
            req.query.lang,
          )
          return reply
            .type(format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${printed.fileName}"`)
            .send(printed.content)
        },
      )
    }
  }
}
