import { Type } from 'typebox'
import { invalid } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IdParams, problemResponses } from '../../platform/http/schemas.js'
import { readFiles, uploadForm } from '../../platform/http/upload.js'
import { actorOf } from '../identity/index.js'
import { AnchorDto, AnchorsAddedDto, ValidationDto } from './signatures.schemas.js'
import type { SignaturesService } from './signatures.service.js'

const tags = ['signatures']
/** A signed file and its data are held in memory while validated: at most this much each. */
const MAX_BYTES = 50 * 1024 * 1024

/** Signature validation (public) and the trust store (network admins). */
export function signaturesRoutes(signatures: SignaturesService) {
  return async (app: AppInstance) => {
    const auth = { onRequest: app.authenticate }
    app.post(
      '/api/v1/signatures/validate',
      {
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary:
            'Validate a signed file (field `file`; `data`: the detached content): a report per signature by ETSI EN 319 102-1 (public)',
          security: [],
          consumes: ['multipart/form-data'],
          uploadForm: uploadForm('The signed file: CAdES (.p7s, .p7m), XAdES (.xml) or PAdES (.pdf)', {
            data: 'The detached signed content, a file',
          }),
          response: { 200: ValidationDto, 413: Type.Ref('Problem'), ...problemResponses },
        },
      },
      async (req) => {
        const files = await readFiles(req, ['file', 'data'], MAX_BYTES)
        if (!files.file) throw invalid([{ path: 'body.file', message: 'a signed file is required' }])
        return signatures.validate(files.file.bytes, files.data?.bytes ?? null)
      },
    )
    app.post(
      '/api/v1/trust/anchors',
      {
        ...auth,
        schema: {
          tags,
          summary:
            'Trust the certificates of a file: a certificate (DER, PEM), a PKCS#7 bundle, or a signed trusted list (ETSI TS 119 612: its granted CA and TSA services) (network admins)',
          consumes: ['multipart/form-data'],
          uploadForm: uploadForm('A certificate, PEM certificates, a .p7b bundle or a trusted list XML'),
          response: {
            201: AnchorsAddedDto,
            409: Type.Ref('Problem'),
            413: Type.Ref('Problem'),
            ...problemResponses,
          },
        },
      },
      async (req, reply) => {
        const files = await readFiles(req, ['file'], MAX_BYTES)
        if (!files.file) throw invalid([{ path: 'body.file', message: 'a certificate file is required' }])
        return reply.code(201).send(await signatures.addAnchors(actorOf(req), files.file))
      },
    )
    app.get(
      '/api/v1/trust/anchors',
      {
        ...auth,
        schema: {
          tags,
          summary: 'The trusted certificates (network admins)',
          response: { 200: Type.Object({ items: Type.Array(AnchorDto) }), ...problemResponses },
        },
      },
      async (req) => signatures.listAnchors(actorOf(req)),
    )
    app.delete(
      '/api/v1/trust/anchors/:id',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Stop trusting a certificate (network admins)',
          params: IdParams,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (req, reply) => {
        await signatures.removeAnchor(actorOf(req), req.params.id)
        return reply.code(204).send(null)
      },
    )
  }
}
