import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import {
  type CatalogueService,
  cataloguePolicy,
  DiffQuery,
  ServiceCard,
  type ServiceDto,
} from '../../modules/catalogue/index.js'
import { ANY_OFFICE, actorOf, isAllowed } from '../../modules/identity/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IdParams } from '../../platform/http/schemas.js'
import { assertValid } from '../../platform/http/validate.js'
import { servicePageData } from '../services/service-page-data.js'
import { LIFE_EVENTS, TOPICS } from '../services/services.messages.js'
import { ServicePage } from '../services/services.pages.js'
import { CardDiffPage } from './card-diff.page.js'
import { CardEditPage } from './card-edit.page.js'
import { cardFromForm, formFromCard } from './card-form.js'
import { CardsPage } from './cards.page.js'
import { Done, type Form, FormBody, send, staffPageHelpers, staffRouteOptions } from './staff-page-helpers.js'

const CardListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Type.Union([Type.Literal(''), Type.Enum(['draft', 'published', 'withdrawn'])])),
  category: Type.Optional(Type.String({ pattern: '^([a-z0-9][a-z0-9-]{0,63})?$' })),
  office: Type.Optional(Type.String({ maxLength: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
})

/** Staff pages of the catalogue: all cards, the editor, publish and withdraw, preview, history. */
export function cardsRoutes(config: Config, catalogue: CatalogueService, offices: OfficesService) {
  const { staffContext, doneText, formAction } = staffPageHelpers(config)
  const choices = async () => ({
    topics: Object.keys(TOPICS),
    lifeEvents: Object.keys(LIFE_EVENTS),
    officeIds: (await offices.listPublicOffices()).map((o) => o.id),
  })

  const editPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    card: ServiceDto | null,
    extra: { values?: Form; errors?: { field: string; message: string }[]; done?: string | null },
  ) => {
    const s = staffContext(req, reply)
    const history = card ? await catalogue.history(s.actor, card.id) : []
    return CardEditPage({
      s,
      card,
      offices: await offices.listPublicOffices(),
      values: (extra.values ?? (card ? formFromCard(card) : {})) as Record<string, string>,
      errors: extra.errors ?? [],
      done: extra.done ?? null,
      history,
      canWrite: isAllowed(s.actor, cataloguePolicy.write, ANY_OFFICE),
    })
  }

  return async (app: AppInstance) => {
    const page = { onRequest: app.staffPage }
    const { form } = staffRouteOptions(app)

    app.get(
      '/staff/services',
      { ...page, schema: { hide: true, querystring: CardListQuery } },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const { cursor, ...filters } = req.query
        const chosen = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''))
        const list = await catalogue.list(
          s.actor,
          { ...chosen, drafts: true, limit: 100, ...(cursor ? { cursor } : {}) },
          s.ctx.lang,
        )
        const next = new URLSearchParams(chosen)
        if (list.nextCursor) next.set('cursor', list.nextCursor)
        return send(
          reply,
          CardsPage({
            s,
            cards: list.items,
            filters: chosen,
            offices: await offices.listPublicOffices(),
            canWrite: isAllowed(s.actor, cataloguePolicy.write, ANY_OFFICE),
            nextHref: list.nextCursor ? `/staff/services?${next}` : null,
          }),
        )
      },
    )

    app.get('/staff/services/new', { ...page, schema: { hide: true } }, async (req, reply) =>
      send(reply, await editPage(req, reply, null, { values: { 'channel-in-person': 'on' } })),
    )

    app.post('/staff/services', { ...form, schema: { hide: true, body: FormBody } }, async (req, reply) => {
      const b = req.body as Form
      return formAction(
        req,
        reply,
        async () =>
          catalogue.createService(actorOf(req), assertValid(ServiceCard, cardFromForm(b, await choices()))),
        (created) => `/staff/services/${(created as ServiceDto).id}?done=card`,
        async (errors) => editPage(req, reply, null, { values: b, errors }),
      )
    })

    app.get(
      '/staff/services/:id',
      { ...page, schema: { hide: true, params: IdParams, querystring: Done } },
      async (req, reply) => {
        // The editor works on the latest version, whatever the public sees.
        const shown = await catalogue.getService(req.actor, req.params.id)
        const current = await catalogue.getService(req.actor, req.params.id, shown.latestVersion)
        return send(
          reply,
          await editPage(req, reply, current, { done: doneText(req, reply, req.query.done) }),
        )
      },
    )

    app.post(
      '/staff/services/:id',
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        const b = req.body as Form
        const shown = await catalogue.getService(req.actor, req.params.id)
        const current = await catalogue.getService(req.actor, req.params.id, shown.latestVersion)
        return formAction(
          req,
          reply,
          async () =>
            catalogue.updateService(
              actorOf(req),
              req.params.id,
              assertValid(ServiceCard, cardFromForm(b, await choices(), current)),
              Number(b.version) || undefined,
            ),
          `/staff/services/${req.params.id}?done=card`,
          async (errors, stale) =>
            editPage(
              req,
              reply,
              await catalogue.getService(req.actor, req.params.id, current.latestVersion),
              stale ? { errors } : { values: b, errors },
            ),
        )
      },
    )

    for (const action of ['publish', 'withdraw'] as const) {
      app.post(
        `/staff/services/:id/${action}`,
        { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
        async (req, reply) => {
          if (action === 'publish') await catalogue.publish(actorOf(req), req.params.id)
          else await catalogue.withdraw(actorOf(req), req.params.id)
          return reply.redirect(
            `/staff/services/${req.params.id}?done=${action === 'publish' ? 'published' : 'withdrawn'}`,
            303,
          )
        },
      )
    }

    app.get(
      '/staff/services/:id/diff',
      { ...page, schema: { hide: true, params: IdParams, querystring: DiffQuery } },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const card = await catalogue.getService(s.actor, req.params.id)
        const diff = await catalogue.diff(s.actor, req.params.id, req.query.from, req.query.to)
        return send(reply, CardDiffPage({ s, card, diff }))
      },
    )

    app.get(
      '/staff/services/:id/preview',
      { ...page, schema: { hide: true, params: IdParams } },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const latest = await catalogue.getService(s.actor, req.params.id)
        const card = await catalogue.getService(s.actor, req.params.id, latest.latestVersion)
        return send(
          reply,
          ServicePage({ ctx: s.ctx, card, ...(await servicePageData(card, catalogue, offices)) }),
        )
      },
    )
  }
}
