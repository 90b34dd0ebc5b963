import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { sendPrinted, sendStoredFile } from '../../platform/http/download.js'
import { problemResponses } from '../../platform/http/schemas.js'
import { uploadForm, withUpload } from '../../platform/http/upload.js'
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
            uploadForm: uploadForm('The scan or attachment'),
            response: {
              201: Dto,
              409: Type.Ref('Problem'),
              413: Type.Ref('Problem'),
              415: Type.Ref('Problem'),
              ...problemResponses,
            },
          },
        },
        async (req, reply) =>
          withUpload(req, async (upload) =>
            reply.code(201).send(await registry.addFile(actorOf(req), direction, req.params.id, upload)),
          ),
      )

      app.get(
        `/api/v1/${direction}/:id/files/:fileId`,
        {
          ...auth,
          schema: {
            tags,
            summary: `Download a file of an ${direction} entry`,
            params: FileParams,
            // The file's own type, whatever was uploaded (PDF, XML, an image…).
            produces: ['*/*'],
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
          return sendStoredFile(reply, { ...file, content })
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
            produces: ['application/pdf', 'text/csv'],
            response: {
              200: Type.String({ description: 'The register as a PDF, or as CSV with `format=csv`' }),
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
          return sendPrinted(reply, { format, fileName: printed.fileName, body: printed.content })
        },
      )
    }
  }
}
