import { type Static, Type } from 'typebox'
import type { Actor } from '../../modules/identity/index.js'
import { officesVisibleTo } from '../../modules/identity/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import { type QueueService, queuePolicy } from '../../modules/queue/index.js'
import type { Config } from '../../platform/config.js'
import { AppError } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { send, staffPageHelpers } from '../staff/staff-page-helpers.js'
import { DeskConsolePage } from './desk.page.js'

const ConsoleQuery = Type.Object({
  reason: Type.Optional(
    Type.Enum(['max-wait', 'priority', 'priority-limit', 'appointment', 'oldest', 'out-of-order']),
  ),
  problem: Type.Optional(Type.String({ maxLength: 200 })),
})
const ActionBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  ticketId: Type.Optional(Type.String({ format: 'uuid' })),
  deskId: Type.Optional(Type.String({ format: 'uuid' })),
  queueId: Type.Optional(Type.String({ format: 'uuid' })),
  topic: Type.Optional(Type.String({ maxLength: 200 })),
})
const ACTIONS = [
  'open',
  'close',
  'call-next',
  'call',
  'recall',
  'start',
  'finish',
  'no-show',
  'park',
  'resume',
  'transfer',
] as const
type Body = Static<typeof ActionBody>

/** The clerk's desk console: a server-rendered page and one form post per action. */
export function deskRoutes(config: Config, queue: QueueService, offices: OfficesService) {
  const { staffContext } = staffPageHelpers(config)

  async function run(actor: Actor, action: (typeof ACTIONS)[number], b: Body): Promise<string> {
    const desk = await queue.myDesk(actor)
    const ticket = b.ticketId ?? ''
    switch (action) {
      case 'open':
        await queue.openDesk(actor, b.deskId ?? '')
        return ''
      case 'close':
        if (desk) await queue.closeDesk(actor, desk.deskId)
        return ''
      case 'call-next': {
        const called = desk ? await queue.callNext(actor, desk.deskId) : null
        return called?.reason ? `?reason=${called.reason}` : ''
      }
      case 'call':
        await queue.callTicket(actor, ticket)
        return '?reason=out-of-order'
      case 'recall':
        await queue.recall(actor, ticket)
        return ''
      case 'start':
        await queue.start(actor, ticket)
        return ''
      case 'finish':
        await queue.finish(actor, ticket, b.topic?.trim() || undefined)
        return ''
      case 'no-show':
        await queue.noShow(actor, ticket)
        return ''
      case 'park':
        await queue.park(actor, ticket)
        return ''
      case 'resume':
        await queue.resume(actor, ticket)
        return ''
      case 'transfer':
        await queue.transfer(actor, ticket, { queueId: b.queueId ?? '' })
        return ''
    }
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

    for (const action of ACTIONS)
      app.post(
        `/staff/desk/${action}`,
        {
          onRequest: app.staffPage,
          preHandler: app.csrfProtection,
          schema: { hide: true, body: ActionBody },
        },
        async (req, reply) => {
          try {
            const query = await run(req.actor!, action, req.body)
            return reply.redirect(`/staff/desk${query}`, 303)
          } catch (error) {
            // A refused action (someone else took the desk, the ticket moved on) is told on the console.
            if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error
            return reply.redirect(`/staff/desk?problem=${encodeURIComponent(error.title)}`, 303)
          }
        },
      )
  }
}
