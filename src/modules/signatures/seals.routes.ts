import { Type } from 'typebox'
import { invalid } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { OfficeIdParams, problemResponses } from '../../platform/http/schemas.js'
import { readFiles, uploadForm } from '../../platform/http/upload.js'
import { actorOf } from '../identity/index.js'
import type { SealsService } from './seals.service.js'
import { SealDto, SealQuery } from './signatures.schemas.js'

const tags = ['signatures']
/** A document to seal is held in memory while sealed: at most this much. */
const MAX_BYTES = 50 * 1024 * 1024

/** The offices' seals: which one an office has, sealing a file with it, and the demo CA's files. */
export function sealsRoutes(seals: SealsService) {
  return async (app: AppInstance) => {
    const auth = { onRequest: app.authenticate }
    app.get(
      '/api/v1/offices/:officeId/seal',
      {
        ...auth,
        schema: {
          tags,
          summary:
            "The office's seal: its certificate, whether it is a demo one, whether seals are time-stamped (staff)",
          params: OfficeIdParams,
          response: { 200: SealDto, 409: Type.Ref('Problem'), ...problemResponses },
        },
      },
      async (req) => seals.sealInfo(actorOf(req), req.params.officeId),
    )
    app.post(
      '/api/v1/offices/:officeId/seal',
      {
        ...auth,
        schema: {
          tags,
          summary:
            "Seal a PDF (PAdES, visible unless `visible=false`) or an XML document (XAdES) with the office's seal (heads)",
          params: OfficeIdParams,
          querystring: SealQuery,
          consumes: ['multipart/form-data'],
          uploadForm: uploadForm('The PDF or XML document to seal'),
          produces: ['application/pdf', 'application/xml'],
          response: { 409: Type.Ref('Problem'), 413: Type.Ref('Problem'), ...problemResponses },
        },
      },
      async (req, reply) => {
        const files = await readFiles(req, ['file'], MAX_BYTES)
        if (!files.file) throw invalid([{ path: 'body.file', message: 'a PDF or XML document is required' }])
        const sealed = await seals.seal(
          actorOf(req),
          req.params.officeId,
          files.file.bytes,
          req.query.visible,
        )
        const base = (files.file.name ?? 'document').replace(/\.(pdf|xml)$/i, '').slice(0, 100)
        return reply
          .type(sealed.mediaType)
          .header('x-content-type-options', 'nosniff')
          .header('ratusz-seal-level', `${sealed.format}-B${sealed.level === 'T' ? '-T' : ''}`)
          .header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent(`${base}-sealed.${sealed.format === 'PAdES' ? 'pdf' : 'xml'}`)}`,
          )
          .send(sealed.bytes)
      },
    )
    for (const [which, type] of [
      ['crt', 'application/pkix-cert'],
      ['crl', 'application/pkix-crl'],
    ] as const)
      app.get(
        `/api/v1/seals/demo-ca.${which}`,
        {
          schema: {
            tags,
            summary: `The demo CA's ${which === 'crt' ? 'certificate, to trust its demo seals by hand' : 'revocation list'} (public)`,
            security: [],
            produces: [type],
            response: { 404: Type.Ref('Problem') },
          },
        },
        async (_req, reply) =>
          reply
            .type(type)
            .header('content-disposition', `attachment; filename="ratusz-demo-ca.${which}"`)
            .send(await seals.demoFile(which)),
      )
  }
}
