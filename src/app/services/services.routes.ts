import { Type } from 'typebox'
import { CATALOGUE_EVENTS, type CatalogueService, queryTerms } from '../../modules/catalogue/index.js'
import { OFFICE_EVENTS, type OfficesService } from '../../modules/offices/index.js'
import { TtlCache } from '../../platform/cache.js'
import type { Config } from '../../platform/config.js'
import { notFound } from '../../platform/errors.js'
import type { EventBus } from '../../platform/events.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { type RenderedPage, renderedPage, sendRendered } from '../../platform/http/etag.js'
import { documentOf } from '../../web/jsx.js'
import { pageContextOf } from '../../web/page-context.js'
import { servicePageData } from './service-page-data.js'
import { ServicePage, ServicesPage } from './services.pages.js'

const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  category: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  lang: Type.Optional(Type.String({ maxLength: 5 })),
})
const CodeParams = Type.Object({ code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,63}$' }) })

/**
 * Whether an Accept header ranks JSON-LD above HTML (`application/ld+json`, or with a higher q than
 * `text/html`); a browser's header, which names HTML first, is not.
 */
function prefersLinkedData(accept: string | undefined): boolean {
  const q = (type: string) => {
    for (const part of (accept ?? '').split(',')) {
      const [name, ...params] = part.trim().split(';')
      if (name?.trim().toLowerCase() !== type) continue
      const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean)
      return weight === undefined ? 1 : Number(weight)
    }
    return 0
  }
  const ld = q('application/ld+json')
  return ld > 0 && ld >= q('text/html')
}

/** The public catalogue pages: /services (search) and /services/{code} (one card). */
export function servicesRoutes(
  config: Config,
  catalogue: CatalogueService,
  offices: OfficesService,
  bus: EventBus,
) {
  // A card page is the same for everyone in a language; render it once until a card or office changes.
  const rendered = new TtlCache<RenderedPage>({ ttlMs: 60_000, maxEntries: 2_000 })
  for (const type of [...Object.values(CATALOGUE_EVENTS), ...Object.values(OFFICE_EVENTS)])
    bus.subscribe(type, () => rendered.clear())

  return async (app: AppInstance) => {
    app.get('/services', { schema: { hide: true, querystring: ListQuery } }, async (req, reply) => {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      const q = req.query.q ?? ''
      const result = await catalogue.list(
        null,
        { q, category: req.query.category, cursor: req.query.cursor, limit: 30 },
        ctx.lang,
      )
      const next = new URLSearchParams({
        ...(q ? { q } : {}),
        ...(req.query.category ? { category: req.query.category } : {}),
      })
      if (result.nextCursor) next.set('cursor', result.nextCursor)
      return reply.type('text/html; charset=utf-8').send(
        documentOf(
          ServicesPage({
            ctx,
            q,
            terms: queryTerms(q),
            category: req.query.category,
            items: result.items,
            nextHref: result.nextCursor ? `/services?${next}` : null,
          }),
        ),
      )
    })

    app.get('/services/:code', { schema: { hide: true, params: CodeParams } }, async (req, reply) => {
      // The card's address is the catalogue's `@id` too: a client asking for JSON-LD is sent to it.
      reply.header('vary', 'Accept')
      if (prefersLinkedData(req.headers.accept)) {
        const card = await catalogue.getPublishedByCode(req.params.code)
        if (!card) throw notFound('Service')
        return reply.redirect(`/api/v1/services/${card.id}`, 303)
      }
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      const page = await rendered.getOrLoad(`${ctx.lang}:${req.params.code}`, async () => {
        const card = await catalogue.getPublishedByCode(req.params.code)
        if (!card) throw notFound('Service')
        return renderedPage(
          documentOf(ServicePage({ ctx, card, ...(await servicePageData(card, catalogue, offices)) })),
        )
      })
      return sendRendered(reply, page)
    })
  }
}
