import { Type } from 'typebox'
import { AppError } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IfMatchHeaders, ifMatchVersion } from '../../platform/http/etag.js'
import { IdParams, problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import {
  CardDiff,
  DiffQuery,
  HistoryEntry,
  ServiceCard,
  ServiceDto,
  ServiceListQuery,
  ServiceSummary,
  VersionQuery,
} from './catalogue.schemas.js'
import type { CatalogueService } from './catalogue.service.js'
import { type CompetentAuthority, CPSV_CONTEXT, toCpsvAp } from './cpsv-ap.js'

export interface LinkedDataOptions {
  /** The public address services' IRIs are built on. */
  publicUrl: string
  /** The office responsible for a card (its first office, or the network's first). */
  authorityFor: (card: ServiceDto) => Promise<CompetentAuthority>
}

const LD_JSON = 'application/ld+json; charset=utf-8'
const wantsLinkedData = (accept: string | undefined) => /application\/ld\+json/.test(accept ?? '')

const tags = ['catalogue']
const changing = { ...problemResponses, 409: Type.Ref('Problem'), 412: Type.Ref('Problem') }

/** Service cards: public reading, editors writing, every version kept. */
export function catalogueRoutes(catalogue: CatalogueService, ld: LinkedDataOptions) {
  return async (app: AppInstance) => {
    const withEtag = (reply: { header(k: string, v: string): unknown }, dto: { latestVersion: number }) =>
      reply.header('etag', `"v${dto.latestVersion}"`)

    app.post(
      '/api/v1/services',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Create a service card (a draft, version 1)',
          body: ServiceCard,
          response: { 201: ServiceDto, ...changing },
        },
      },
      async (req, reply) => {
        const dto = await catalogue.createService(actorOf(req), req.body)
        withEtag(reply, dto)
        return reply.code(201).header('location', `/api/v1/services/${dto.id}`).send(dto)
      },
    )

    app.put(
      '/api/v1/services/:id',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: "Save a new draft version (If-Match: the latest version's ETag)",
          params: IdParams,
          headers: IfMatchHeaders,
          body: ServiceCard,
          response: { 200: ServiceDto, ...changing },
        },
      },
      async (req, reply) => {
        const dto = await catalogue.updateService(actorOf(req), req.params.id, req.body, ifMatchVersion(req))
        withEtag(reply, dto)
        return dto
      },
    )

    for (const action of ['publish', 'withdraw'] as const) {
      app.post(
        `/api/v1/services/:id/${action}`,
        {
          onRequest: app.authenticate,
          schema: {
            tags,
            summary:
              action === 'publish' ? 'Publish the latest version' : 'Withdraw the card from the public',
            params: IdParams,
            response: { 200: ServiceDto, ...changing },
          },
        },
        async (req) =>
          action === 'publish'
            ? catalogue.publish(actorOf(req), req.params.id)
            : catalogue.withdraw(actorOf(req), req.params.id),
      )
    }

    app.get(
      '/api/v1/services',
      {
        onRequest: app.authenticateIfPresent,
        schema: {
          tags,
          summary:
            'Find published cards (staff: drafts=true for all); forgiving search in the requested language',
          security: [],
          querystring: ServiceListQuery,
          response: {
            200: Type.Object({
              items: Type.Array(ServiceSummary),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
            ...problemResponses,
          },
        },
      },
      async (req) => catalogue.list(req.actor, req.query, req.query.lang ?? 'uk'),
    )

    app.get(
      '/api/v1/services/:id',
      {
        onRequest: app.authenticateIfPresent,
        schema: {
          tags,
          summary:
            'A published card (staff may ask for any version); with Accept: application/ld+json, as CPSV-AP 3.2.0',
          security: [],
          params: IdParams,
          querystring: VersionQuery,
          response: { 200: ServiceDto, ...problemResponses },
        },
      },
      async (req, reply) => {
        const dto = await catalogue.getService(req.actor, req.params.id, req.query.version)
        reply.header('vary', 'Accept')
        const linked = wantsLinkedData(req.headers.accept)
        // Each representation its own strong ETag (RFC 9110 §8.8.1): the JSON one is what If-Match
        // names on an edit; an older version asked for by staff is not the card's current state.
        if (dto.version === dto.latestVersion)
          reply.header('etag', linked ? `"v${dto.latestVersion}.jsonld"` : `"v${dto.latestVersion}"`)
        if (linked) {
          const doc = toCpsvAp(dto, ld.publicUrl, await ld.authorityFor(dto))
          return reply.type(LD_JSON).send(JSON.stringify(doc))
        }
        return dto
      },
    )

    app.addContentTypeParser('application/ld+json', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string))
      } catch (error) {
        done(error as Error, undefined)
      }
    })

    app.post(
      '/api/v1/services/import',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Import CPSV-AP JSON-LD (Content-Type: application/ld+json) as draft cards',
          consumes: ['application/ld+json'],
          response: {
            201: Type.Object({ imported: Type.Integer(), ids: Type.Array(Type.String()) }),
            ...changing,
            415: Type.Ref('Problem'),
          },
        },
      },
      async (req, reply) => {
        if (!/^application\/ld\+json/.test(req.headers['content-type'] ?? '')) {
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            415,
            'This content type is not accepted here',
            'Send CPSV-AP as application/ld+json.',
          )
        }
        return reply.code(201).send(await catalogue.importCpsvAp(actorOf(req), req.body))
      },
    )

    app.get(
      '/api/v1/catalogue.jsonld',
      {
        schema: {
          tags,
          summary: 'The whole published catalogue in CPSV-AP 3.2.0 JSON-LD',
          security: [],
          produces: ['application/ld+json'],
        },
      },
      async (_req, reply) => {
        const graph = []
        for (const card of await catalogue.allPublished()) {
          const { '@context': _context, ...node } = toCpsvAp(card, ld.publicUrl, await ld.authorityFor(card))
          graph.push(node)
        }
        return reply.type(LD_JSON).send(JSON.stringify({ '@context': CPSV_CONTEXT, '@graph': graph }))
      },
    )

    app.get(
      '/api/v1/services/:id/history',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Every version with author, time and changed fields',
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(HistoryEntry) }), ...problemResponses },
        },
      },
      async (req) => ({ items: await catalogue.history(actorOf(req), req.params.id) }),
    )

    app.get(
      '/api/v1/services/:id/diff',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'What changed between two versions, line by line',
          description:
            'Lines are keyed by their path in the card (`name.uk`, `fees[0].amount`); `before` or `after` is null where the line does not exist in that version.',
          params: IdParams,
          querystring: DiffQuery,
          response: { 200: CardDiff, ...problemResponses },
        },
      },
      async (req) => catalogue.diff(actorOf(req), req.params.id, req.query.from, req.query.to),
    )
  }
}
