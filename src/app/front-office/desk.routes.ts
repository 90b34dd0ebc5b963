import { type Static, Type } from 'typebox'
import type { Actor } from '../../modules/identity/index.js'
import { actorOf, officesVisibleTo } from '../../modules/identity/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import { CallReason, type QueueService, queuePolicy } from '../../modules/queue/index.js'
import type { Config } from '../../platform/config.js'
import { AppError } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { send, staffPageHelpers } from '../staff/staff-page-helpers.js'
import { DeskConsolePage } from './desk.page.js'

const ConsoleQuery = Type.Object({
  reason: Type.Optional(CallReason),
  problem: Type.Optional(Type.String({ maxLength: 200 })),
})
const ActionBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  ticketId: Type.Optional(Type.String({ format: 'uuid' })),
  deskId: Type.Optional(Type.String({ format: 'uuid' })),
  queueId: Type.Optional(Type.String({ format: 'uuid' })),
  topic: Type.Optional(Type.String({ maxLength: 200 })),
})
type Body = Static<typeof ActionBody>

/** The clerk's desk console: a server-rendered page and one form post per action. */
export function deskRoutes(config: Config, queue: QueueService, offices: OfficesService) {
  const { staffContext } = staffPageHelpers(config)

  type Desk = Awaited<ReturnType<QueueService['myDesk']>>
  /** Each form post of the console: what it does, and the query the console is shown with after it. */
  const actions: Record<string, (actor: Actor, b: Body, desk: Desk) => Promise<unknown>> = {
    open: (actor, b) => queue.openDesk(actor, b.deskId ?? ''),
    close: async (actor, _b, desk) => desk && queue.closeDesk(actor, desk.deskId),
    'call-next': async (actor, _b, desk) => {
      const called = desk ? await queue.callNext(actor, desk.deskId) : null
      return called?.reason ? `?reason=${called.reason}` : ''
    },
    call: async (actor, b) => {
      await queue.callTicket(actor, b.ticketId ?? '')
      return '?reason=out-of-order'
    },
    recall: (actor, b) => queue.recall(actor, b.ticketId ?? ''),
    start: (actor, b) => queue.start(actor, b.ticketId ?? ''),
    finish: (actor, b) => queue.finish(actor, b.ticketId ?? '', b.topic?.trim() || undefined),
    'no-show': (actor, b) => queue.noShow(actor, b.ticketId ?? ''),
    park: (actor, b) => queue.park(actor, b.ticketId ?? ''),
    resume: (actor, b) => queue.resume(actor, b.ticketId ?? ''),
    transfer: (actor, b) => queue.transfer(actor, b.ticketId ?? '', { queueId: b.queueId ?? '' }),
  }

  return async (app: AppInstance) => {
    app.get(
      '/staff/desk',
      { onRequest: app.staffPage, schema: { hide: true, querystring: ConsoleQuery } },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const mine = await queue.myDesk(s.actor)
        const all = await offices.listPublicOffices()
        const visible = officesVisibleTo(s.actor, queuePolicy.work)
        const officeId = mine?.officeId ?? (visible === null ? all[0]?.id : visible[0])
        const office = all.find((o) => o.id === officeId)
        const desks = office ? await queue.listDesks(s.actor, office.id) : []
        const desk = mine ? (desks.find((d) => d.id === mine.deskId) ?? null) : null
        return send(
          reply,
          DeskConsolePage({
            s,
            desk,
            officeName: office?.name[s.ctx.lang] ?? '',
            current: mine?.current ?? null,
            reason: mine?.current?.status === 'called' ? (req.query.reason ?? null) : null,
            waiting: desk && office ? await queue.waitingList(s.actor, office.id) : [],
            queues: office ? await queue.listQueues(office.id) : [],
            desks,
            timezone: office?.timezone ?? 'UTC',
            notice: req.query.problem ?? null,
            eventsUrl: office ? `/api/v1/offices/${office.id}/board/events` : '',
          }),
        )
      },
    )

    for (const [action, run] of Object.entries(actions))
      app.post(
        `/staff/desk/${action}`,
        {
          onRequest: app.staffPage,
          preHandler: app.csrfProtection,
          schema: { hide: true, body: ActionBody },
        },
        async (req, reply) => {
          try {
            const query = await run(actorOf(req), req.body, await queue.myDesk(actorOf(req)))
            return reply.redirect(`/staff/desk${typeof query === 'string' ? query : ''}`, 303)
          } catch (error) {
            // A refused action (someone else took the desk, the ticket moved on) is told on the console.
            if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error
            return reply.redirect(`/staff/desk?problem=${encodeURIComponent(error.title)}`, 303)
          }
        },
      )
  }
}
