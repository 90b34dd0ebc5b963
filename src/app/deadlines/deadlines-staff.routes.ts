import { Type } from 'typebox'
import type { CasesService, DueCountsDto, DueListDto } from '../../modules/cases/index.js'
import { type Actor, actorOf, type UsersService } from '../../modules/identity/index.js'
import type { NotificationsService } from '../../modules/notifications/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import type { Config } from '../../platform/config.js'
import { forbidden } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { Id, IdParams } from '../../platform/http/schemas.js'
import { FormBody, send, staffPageHelpers, staffRouteOptions } from '../staff/staff-page-helpers.js'
import { dueTexts } from './deadlines.messages.js'
import { DEADLINE_SCOPES, DeadlinesPage } from './deadlines-staff.page.js'
import { NotificationsPage } from './notifications.page.js'

const DeadlinesQuery = Type.Object({
  office: Type.Optional(Id),
  scope: Type.Optional(Type.Enum(DEADLINE_SCOPES)),
  within: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
  view: Type.Optional(Type.Enum(['list', 'days'])),
})

const handlesCases = (actor: Actor, officeId: string) =>
  actor.grants.some(
    (g) => ['admin', 'officer', 'head'].includes(g.role) && (g.officeId === null || g.officeId === officeId),
  )
const countsCentres = (actor: Actor) =>
  actor.grants.some((g) => ['admin', 'coordinator', 'manager'].includes(g.role))

const NotificationsQuery = Type.Object({
  unread: Type.Optional(Type.Boolean()),
  done: Type.Optional(Type.Literal('read')),
})

/** The deadlines page over the cases' deadline lists and the counts per centre, and the notifications page. */
export function deadlinesPageRoutes(
  config: Config,
  services: {
    cases: CasesService
    offices: OfficesService
    users: UsersService
    notifications: NotificationsService
  },
) {
  const { staffContext } = staffPageHelpers(config)
  const { cases, offices, users, notifications } = services
  return async (app: AppInstance) => {
    const { page, form } = staffRouteOptions(app)
    app.get(
      '/staff/notifications',
      { ...page, schema: { hide: true, querystring: NotificationsQuery } },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const onlyUnread = req.query.unread === true
        const list = await notifications.list(actorOf(req), { unread: onlyUnread, limit: 100 })
        return send(
          reply,
          NotificationsPage({
            s,
            items: list.items,
            unread: list.unread,
            onlyUnread,
            done: req.query.done ? dueTexts(s.ctx.lang)('nt.read') : null,
          }),
        )
      },
    )
    app.post(
      '/staff/notifications/:id/read',
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        await notifications.markRead(actorOf(req), req.params.id)
        return reply.redirect('/staff/notifications?done=read', 303)
      },
    )

    app.get(
      '/staff/deadlines',
      { ...page, schema: { hide: true, querystring: DeadlinesQuery } },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const actor = actorOf(req)
        const mine = (await offices.listOffices(actor)).filter((o) => handlesCases(actor, o.id))
        const office = mine.find((o) => o.id === req.query.office) ?? mine[0]
        if (!office && !countsCentres(actor)) throw forbidden('Your roles handle no cases.')
        // A head sees the office's (their units') cases first; an officer their own.
        const heads = actor.grants.some((g) => ['admin', 'head'].includes(g.role))
        const scope = req.query.scope ?? (heads ? 'office' : 'mine')
        const within = req.query.within ?? 3
        const list: DueListDto | null = office
          ? await cases.dueList(actor, {
              officeId: office.id,
              within,
              ...(scope === 'mine' ? { assignedTo: 'me' as const } : {}),
            })
          : null
        const centres: DueCountsDto | null = countsCentres(actor) ? await cases.dueCounts(actor) : null
        const people = new Map<string, string>()
        for (const key of new Set((list?.items ?? []).map((i) => i.unitId)))
          for (const u of await users.unitStaff(office!.id, key)) people.set(u.id, u.name)
        return send(
          reply,
          DeadlinesPage({
            s,
            offices: mine.map((o) => ({ id: o.id, name: o.name[s.ctx.lang] })),
            list,
            scope,
            within,
            view: req.query.view ?? 'list',
            people,
            centres,
          }),
        )
      },
    )
  }
}
