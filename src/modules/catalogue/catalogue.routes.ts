import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { ifMatchVersion } from '../../platform/http/etag.js'
import { IdParams, problemResponses } from '../../platform/http/schemas.js'
import {
  HistoryEntry,
  ServiceCard,
  ServiceDto,
  ServiceListQuery,
  ServiceSummary,
  VersionQuery,
} from './catalogue.schemas.js'
import type { CatalogueService } from './catalogue.service.js'

const tags = ['catalogue']
const changing = { ...problemResponses, 409: Type.Ref('Problem'), 412: Type.Ref('Problem') }

/** Service cards: public reading, editors writing, every version kept. */
export function catalogueRoutes(catalogue: CatalogueService) {
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
        const dto = await catalogue.createService(req.actor!, req.body)
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
          body: ServiceCard,
          response: { 200: ServiceDto, ...changing },
        },
      },
      async (req, reply) => {
        const dto = await catalogue.updateService(req.actor!, req.params.id, req.body, ifMatchVersion(req))
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
            ? catalogue.publish(req.actor!, req.params.id)
            : catalogue.withdraw(req.actor!, req.params.id),
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
          summary: 'A published card (staff may ask for any version)',
          security: [],
          params: IdParams,
          querystring: VersionQuery,
          response: { 200: ServiceDto, ...problemResponses },
        },
      },
      async (req, reply) => {
        const dto = await catalogue.getService(req.actor, req.params.id, req.query.version)
        withEtag(reply, dto)
        return dto
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
      async (req) => ({ items: await catalogue.history(req.actor!, req.params.id) }),
    )
  }
}
