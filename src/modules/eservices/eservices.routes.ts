import { Readable } from 'node:stream'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { AppError, invalid } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { sendDownload, sendStoredFile } from '../../platform/http/download.js'
import { problemResponses } from '../../platform/http/schemas.js'
import { readFiles, uploadForm } from '../../platform/http/upload.js'
import { FormDefinition } from '../catalogue/index.js'
import type { ApplicationsService } from './applications.service.js'
import {
  AnswerBody,
  APPLICATION_BODY_LIMIT,
  ApplicationBody,
  ApplicationCreated,
  ApplicationParams,
  ApplicationStatusDto,
  DocumentBody,
  LetterDto,
  ReceiptParams,
  ReceiptVerification,
  ResidentDto,
  SignInLinkBody,
  TrackQuery,
} from './eservices.schemas.js'
import type { ResidentRow } from './eservices.tables.js'
import type { verifyReceipt } from './receipt-verification.js'
import { RESIDENT_COOKIE, type ResidentsService } from './residents.service.js'

const tags = ['e-services']
const residentSecurity = [{ residentSession: [] }]
/** A receipt is a few kilobytes; anything much larger is not one. */
const RECEIPT_MAX_BYTES = 256 * 1024

const signInNeeded = () =>
  new AppError(
    'UNAUTHENTICATED',
    401,
    'Sign in first',
    'Sign in as a resident (identity provider or e-mail link).',
  )

/**
 * The e-services over HTTP: the form definitions' JSON Schema; residents' sign-in links; applications
 * sent, followed and their receipts; anyone's verification of a receipt.
 */
export function eservicesRoutes(
  applications: ApplicationsService,
  residents: ResidentsService,
  receipts: { verify: (bytes: Buffer) => ReturnType<typeof verifyReceipt> },
) {
  const signedIn = new WeakMap<FastifyRequest, ResidentRow>()
  /** onRequest: the resident of the session cookie, or 401 before anything else is looked at. */
  async function requireResident(req: FastifyRequest) {
    const resident = await residents.residentOf(req.cookies[RESIDENT_COOKIE])
    if (!resident) throw signInNeeded()
    signedIn.set(req, resident)
  }
  async function residentOf(req: FastifyRequest): Promise<ResidentRow> {
    const resident = signedIn.get(req)
    if (!resident) throw signInNeeded()
    return resident
  }

  return async (app: AppInstance) => {
    // A resident's changes come from a browser holding the session cookie: each carries the CSRF token.
    const residentRead = { onRequest: requireResident }
    const residentWrite = { onRequest: requireResident, preHandler: app.csrfProtection }

    app.get(
      '/api/v1/forms/schema.json',
      {
        schema: {
          tags,
          summary: 'The JSON Schema of a form definition: typed questions, steps and conditions (public)',
          security: [],
          produces: ['application/schema+json'],
          response: {
            // Sent as the text it is: the type says what it parses to.
            200: Type.Unsafe<string>({
              type: 'object',
              additionalProperties: true,
              description: 'A JSON Schema (2020-12)',
            }),
          },
        },
      },
      async (_req, reply) =>
        reply
          .type('application/schema+json')
          .header('cache-control', 'public, max-age=3600')
          .send(
            JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...FormDefinition }),
          ),
    )

    app.post(
      '/api/v1/residents/sign-in-links',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary:
            'E-mail a one-time sign-in link (30 minutes) to an address; opening it confirms it (public)',
          security: [],
          body: SignInLinkBody,
          response: {
            202: Type.Object({ sent: Type.Boolean() }),
            429: Type.Ref('Problem'),
            ...problemResponses,
          },
        },
      },
      async (req, reply) => {
        await residents.sendLink(req.body)
        return reply.code(202).send({ sent: true })
      },
    )

    app.get(
      '/api/v1/residents/me',
      {
        ...residentRead,
        schema: {
          tags,
          summary: 'The signed-in resident, with the CSRF token their changes carry (resident)',
          security: residentSecurity,
          response: { 200: ResidentDto, ...problemResponses },
        },
      },
      async (req, reply) => {
        const r = await residentOf(req)
        return {
          id: r.id,
          name: r.name,
          email: r.email,
          identifier:
            r.identifierKind && r.identifier ? { kind: r.identifierKind, value: r.identifier } : null,
          verified: r.provider === 'oidc',
          csrfToken: reply.generateCsrf(),
        }
      },
    )

    app.post(
      '/api/v1/applications/document',
      {
        ...residentWrite,
        bodyLimit: APPLICATION_BODY_LIMIT,
        schema: {
          tags,
          summary:
            'The application document (XML) these answers make, to be signed when the card requires it (resident)',
          security: residentSecurity,
          body: DocumentBody,
          produces: ['application/xml'],
          response: { ...problemResponses },
        },
      },
      async (req, reply) =>
        sendDownload(reply, {
          mediaType: 'application/xml',
          fileName: 'application.xml',
          body: await applications.document(await residentOf(req), await applications.fromJson(req.body)),
        }),
    )

    app.post(
      '/api/v1/applications',
      {
        ...residentWrite,
        bodyLimit: APPLICATION_BODY_LIMIT,
        schema: {
          tags,
          summary:
            'Apply: registers an incoming letter (channel eservice), opens the case when the card says so, issues the receipts; one transaction (resident)',
          security: residentSecurity,
          headers: Type.Object({
            'idempotency-key': Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{8,100}$' })),
          }),
          body: ApplicationBody,
          response: {
            201: ApplicationCreated,
            413: Type.Ref('Problem'),
            415: Type.Ref('Problem'),
            ...problemResponses,
          },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(
            await applications.submit(
              await residentOf(req),
              await applications.fromJson(req.body),
              req.headers['idempotency-key'],
            ),
          ),
    )

    app.get(
      '/api/v1/applications',
      {
        ...residentRead,
        schema: {
          tags,
          summary: "The resident's applications, newest first, with their status (resident)",
          security: residentSecurity,
          response: { 200: Type.Object({ items: Type.Array(ApplicationStatusDto) }), ...problemResponses },
        },
      },
      async (req) => applications.mine(await residentOf(req)),
    )

    app.get(
      '/api/v1/applications/track',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Where an application stands, by its registration number and tracking code (public)',
          security: [],
          querystring: TrackQuery,
          response: { 200: ApplicationStatusDto, ...problemResponses },
        },
      },
      async (req) => applications.track(req.query.number, req.query.code),
    )

    app.get(
      '/api/v1/applications/:id',
      {
        ...residentRead,
        schema: {
          tags,
          summary:
            'One of the resident’s applications: status, history, expected decision date, receipts (resident)',
          security: residentSecurity,
          params: ApplicationParams,
          response: { 200: ApplicationStatusDto, ...problemResponses },
        },
      },
      async (req) => applications.status(await residentOf(req), req.params.id),
    )

    app.post(
      '/api/v1/applications/:id/answers',
      {
        ...residentWrite,
        bodyLimit: APPLICATION_BODY_LIMIT,
        schema: {
          tags,
          summary:
            'Answer what the office asked (the application awaits the applicant): a new incoming letter linked to the case (resident)',
          security: residentSecurity,
          params: ApplicationParams,
          body: AnswerBody,
          response: {
            201: Type.Object({ number: Type.String({ description: "The answer's incoming number" }) }),
            409: Type.Ref('Problem'),
            413: Type.Ref('Problem'),
            415: Type.Ref('Problem'),
            ...problemResponses,
          },
        },
      },
      async (req, reply) => {
        const resident = await residentOf(req)
        const files = []
        for (const [i, f] of (req.body.files ?? []).entries())
          files.push(
            await applications.storeAttachment(
              {
                name: f.name,
                mediaType: f.mediaType,
                content: Readable.from([Buffer.from(f.content, 'base64')]),
              },
              `body.files.${i}.content`,
            ),
          )
        return reply
          .code(201)
          .send(await applications.answer(resident, req.params.id, { text: req.body.text, files }))
      },
    )

    app.get(
      '/api/v1/letters',
      {
        ...residentRead,
        schema: {
          tags,
          summary: "The resident's inbox: letters the office sent them by e-service, newest first (resident)",
          security: residentSecurity,
          response: { 200: Type.Object({ items: Type.Array(LetterDto) }), ...problemResponses },
        },
      },
      async (req) => applications.letters(await residentOf(req)),
    )

    app.get(
      '/api/v1/letters/:id/file',
      {
        ...residentRead,
        schema: {
          tags,
          summary:
            "A letter's file (its sealed PDF); the first opening records the letter's delivery in the outgoing register (resident)",
          security: residentSecurity,
          params: ApplicationParams,
          produces: ['application/pdf'],
          response: { ...problemResponses },
        },
      },
      async (req, reply) => {
        return sendStoredFile(reply, await applications.openLetter(await residentOf(req), req.params.id))
      },
    )

    // The official receipt, sealed XML (the original) or its PDF rendition: for its applicant, or for
    // whoever holds its number and tracking code.
    for (const kind of [
      {
        path: 'sealed.xml',
        mediaType: 'application/xml',
        summary: 'The official acknowledgement of receipt, sealed (XAdES)',
        read: applications.sealedReceipt,
      },
      {
        path: 'receipt.pdf',
        mediaType: 'application/pdf',
        summary:
          'The official acknowledgement of receipt as a PDF with a QR code to check its sealed original',
        read: applications.receiptPdf,
      },
    ])
      app.get(
        `/api/v1/receipts/:id/${kind.path}`,
        {
          config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
          schema: {
            tags,
            summary: `${kind.summary}, for its applicant, or with number and tracking code (resident or public)`,
            security: [...residentSecurity, {}],
            params: ReceiptParams,
            querystring: Type.Partial(TrackQuery),
            produces: [kind.mediaType],
            response: { 409: Type.Ref('Problem'), ...problemResponses },
          },
        },
        async (req, reply) => {
          const resident = await residents.residentOf(req.cookies[RESIDENT_COOKIE])
          const { number, code } = req.query
          const byCode = number && code ? await applications.byTracking(number, code) : undefined
          const file = await kind.read(
            req.params.id,
            (a) => (resident !== null && a.residentId === resident.id) || byCode?.id === a.id,
          )
          return sendDownload(reply, { mediaType: kind.mediaType, fileName: file.name, body: file.content })
        },
      )

    app.post(
      '/api/v1/receipts/verify',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary:
            'Verify a receipt file: the seal, whose seal it is, what it states; one byte changed fails (public)',
          security: [],
          consumes: ['multipart/form-data'],
          uploadForm: uploadForm('The receipt (XML) as the office issued it'),
          response: { 200: ReceiptVerification, 413: Type.Ref('Problem'), ...problemResponses },
        },
      },
      async (req) => {
        const files = await readFiles(req, ['file'], RECEIPT_MAX_BYTES)
        if (!files.file) throw invalid([{ path: 'body.file', message: 'a receipt file is required' }])
        return receipts.verify(files.file.bytes)
      },
    )
  }
}
