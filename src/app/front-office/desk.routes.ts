import { type Static, Type } from 'typebox'
import type { Actor } from '../../modules/identity/index.js'
import { actorOf, officesVisibleTo } from '../../modules/identity/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import { CallReason, type QueueService, queuePolicy } from '../../modules/queue/index.js'
import type { Config } from '../../platform/config.js'
import { AppError, conflict } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { send, staffPageHelpers } from '../staff/staff-page-helpers.js'
import { DeskConsolePage } from './desk.page.js'

const Number_ = Type.String({ maxLength: 20 })
const ConsoleQuery = Type.Object({
  reason: Type.Optional(CallReason),
  /** What the last action did, told on the console in the clerk's words. */
  called: Type.Optional(Number_),
  closed: Type.Optional(Number_),
  closedAs: Type.Optional(Type.Enum(['served', 'no-show', 'parked'])),
  none: Type.Optional(Type.Literal('1')),
  ask: Type.Optional(Type.Literal('1')),
  problem: Type.Optional(Type.String({ maxLength: 60 })),
  title: Type.Optional(Type.String({ maxLength: 200 })),
})
const Outcome = Type.Enum(['finish', 'no-show', 'park'])
const ActionBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  ticketId: Type.Optional(Type.String({ format: 'uuid' })),
  deskId: Type.Optional(Type.String({ format: 'uuid' })),
  queueId: Type.Optional(Type.String({ format: 'uuid' })),
  topic: Type.Optional(Type.String({ maxLength: 200 })),
  /** On call-next with someone at the desk: what became of them (the console asks once). */
  outcome: Type.Optional(Outcome),
})
type Body = Static<typeof ActionBody>
const closedAs = { finish: 'served', 'no-show': 'no-show', park: 'parked' } as const

/** The clerk's desk console: a server-rendered page and one form post per action. */
export function deskRoutes(config: Config, queue: QueueService, offices: OfficesService) {
  const { staffContext } = staffPageHelpers(config)

  type Desk = Awaited<ReturnType<QueueService['myDesk']>>
  const done = (query: Record<string, string | undefined>) => {
    const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]))
    return q.size ? `?${q}` : ''
  }
  const close = { finish: queue.finish, 'no-show': queue.noShow, park: queue.park }

  /**
   * Call next: with someone at the desk the clerk says first what became of them (finished, did not
   * come, on hold), so nobody is closed silently; the page asks once and the choice is done first.
   */
  async function callNext(actor: Actor, b: Body, desk: Desk) {
    if (!desk) throw conflict('DESK_NOT_OPEN', 'You have no desk open', 'Open your desk first.')
    const current = desk.current
    let closed: { closed?: string; closedAs?: string } = {}
    if (current) {
      if (b.ticketId && b.ticketId !== current.id)
        throw conflict('CURRENT_CHANGED', 'The ticket at your desk changed', 'Look again.')
      if (!b.outcome) return done({ ask: '1' })
      await close[b.outcome](actor, current.id)
      closed = { closed: current.number, closedAs: closedAs[b.outcome] }
    }
    const called = (await queue.callNext(actor, desk.deskId)).ticket
    return done({ ...closed, called: called?.number, reason: called?.reason, none: called ? undefined : '1' })
  }

  const ticketDone = (action: keyof typeof closedAs) => async (actor: Actor, b: Body) => {
    const t = await close[action](actor, b.ticketId ?? '')
    return done({ closed: t.number, closedAs: closedAs[action] })
  }

  /** Each form post of the console: what it does, and the query the console is shown with after it. */
  const actions: Record<string, (actor: Actor, b: Body, desk: Desk) => Promise<unknown>> = {
    open: (actor, b) => queue.openDesk(actor, b.deskId ?? ''),
    close: async (actor, _b, desk) => desk && queue.closeDesk(actor, desk.deskId),
    'call-next': callNext,
    call: async (actor, b) => {
      const t = await queue.callTicket(actor, b.ticketId ?? '')
      return done({ called: t.number, reason: 'out-of-order' })
    },
    recall: (actor, b) => queue.recall(actor, b.ticketId ?? ''),
    start: (actor, b) => queue.start(actor, b.ticketId ?? ''),
    finish: async (actor, b) => {
      const t = await queue.finish(actor, b.ticketId ?? '', b.topic?.trim() || undefined)
      return done({ closed: t.number, closedAs: 'served' })
    },
    'no-show': ticketDone('no-show'),
    park: ticketDone('park'),
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
            done: req.query,
            waiting: desk && office ? await queue.waitingList(s.actor, office.id) : [],
            queues: office ? await queue.listQueues(office.id) : [],
            desks,
            timezone: office?.timezone ?? 'UTC',
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
            return reply.redirect(`/staff/desk${done({ problem: error.code, title: error.title })}`, 303)
          }
        },
      )
  }
}
