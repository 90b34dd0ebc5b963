import {
  afterCommit,
  type Db,
  inTransaction,
  isUniqueViolation,
  withTables,
} from '../../platform/db/index.js'
import { invalid, notFound } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { type Actor, assertAllowed, isAllowed } from '../identity/index.js'
import { type CalledEvent, parseCalledEventId, type QueueContext } from './queue.context.js'
import { queuePolicy } from './queue.policy.js'
import * as repo from './queue.repository.js'
import type { BoardDto, TicketActionDto, TicketBody, TicketDto } from './queue.schemas.js'
import { type QueueTables, stored, type TicketRow } from './queue.tables.js'

/** How a number is shown and called: the prefix and at least three digits (A001, A1000). */
export const displayNumber = (prefix: string, n: number) => `${prefix}${String(n).padStart(3, '0')}`

/** Issuing tickets, reading them, and the board of an office. */
/** Calls as a board shows them: the number and the name of the desk it is called to. */
function callsAtDesks(
  calls: readonly Pick<TicketRow, 'display' | 'deskId' | 'calledAt' | 'recallCount'>[],
  desks: readonly { id: string; name: string }[],
) {
  const deskName = new Map(desks.map((d) => [d.id, d.name]))
  return calls.map((c) => ({
    number: c.display,
    deskName: deskName.get(c.deskId!) ?? '',
    calledAt: c.calledAt!,
    recallCount: c.recallCount,
  }))
}

export function ticketIssue(ctx: QueueContext) {
  const { db, clock } = ctx

  return {
    /**
     * Issues a ticket: the next number of the queue on the office-local day, taken in the same
     * transaction as the ticket (unique and gap-free under any number of kiosks). The same
     * `idempotencyKey` gives back the ticket it gave the first time. `uow`: the caller's transaction
     * when another use case issues the ticket as part of its own (a booking's check-in), which then
     * commits it; `today` is then the office-local day the caller already knows, so that nothing here
     * reads outside that transaction.
     */
    async issueTicket(
      actor: Actor,
      officeId: string,
      body: TicketBody,
      options: {
        idempotencyKey?: string | undefined
        booking?: { appointmentId: string; callableFrom: string } | undefined
        uow?: { trx: Db; today: string }
      } = {},
    ): Promise<TicketDto> {
      const { idempotencyKey, booking } = options
      const joined = options.uow
      assertAllowed(actor, queuePolicy.issue, officeId)
      const now = clock.now()
      const today = joined?.today ?? (await ctx.today(officeId))
      const outer = joined ? withTables<QueueTables>(joined.trx) : db
      if (idempotencyKey) {
        const earlier = await repo.findTicketByKey(outer, officeId, idempotencyKey)
        if (earlier) return ctx.toDto(outer, earlier, today)
      }
      const priority = body.priority ?? 'none'
      try {
        const issue = async (trx: typeof db) => {
          const queue = await ctx.queue(trx, body.queueId)
          if (!queue || queue.officeId !== officeId)
            throw invalid([{ path: 'body.queueId', message: 'is not a queue of this office' }])
          const policy = await ctx.policyOf(trx, officeId)
          if (!policy.priorities.includes(priority))
            throw invalid([
              { path: 'body.priority', message: `must be one of: ${policy.priorities.join(', ')}` },
            ])
          if (body.serviceId) {
            const served = stored.serviceIds(queue.serviceIds)
            if (served.length && !served.includes(body.serviceId))
              throw invalid([{ path: 'body.serviceId', message: 'is not served by this queue' }])
          }
          const number = await repo.nextNumber(trx, queue.id, today)
          const at = now.toISOString()
          // What the resident is told, kept on the ticket to measure the estimates against real waits.
          const peopleAhead = await repo.countAhead(trx, queue.id, today, at)
          const estimatedWaitMinutes = await ctx.estimateMinutes(trx, officeId, queue.id, today, peopleAhead)
          const row: TicketRow = {
            id: newId(),
            officeId,
            queueId: queue.id,
            numberQueueId: queue.id,
            localDate: today,
            number,
            display: displayNumber(queue.prefix, number),
            status: 'waiting',
            priority,
            purpose: body.purpose ?? null,
            serviceId: body.serviceId ?? null,
            channel: booking ? 'booking' : actor.grants.some((g) => g.role === 'kiosk') ? 'kiosk' : 'staff',
            appointmentId: booking?.appointmentId ?? null,
            callableFrom: booking?.callableFrom ?? null,
            arrivedAt: at,
            issuedAt: at,
            calledAt: null,
            startedAt: null,
            finishedAt: null,
            noShowAt: null,
            deskId: null,
            clerkId: null,
            reservedDeskId: null,
            recallCount: 0,
            transferCount: 0,
            calledOutOfOrder: 0,
            topic: null,
            idempotencyKey: idempotencyKey ?? null,
            estimatedWaitMinutes,
          }
          await repo.insertTicket(trx, row)
          await ctx.record(trx, actor, 'ticket.issue', officeId, 'ticket', row.id, {
            number: row.display,
            priority,
          })
          // The boards hear of it once the unit of work (ours, or the caller's) has committed.
          afterCommit(trx, () => ctx.changed(officeId))
          return { row, peopleAhead }
        }
        const { row, peopleAhead } = await inTransaction(outer, issue)
        return ctx.toDto(db, row, today, {
          peopleAhead,
          estimatedWaitMinutes: row.estimatedWaitMinutes ?? 0,
        })
      } catch (error) {
        // Two requests with one key at the same instant: the loser returns the winner's ticket.
        if (idempotencyKey && !joined && isUniqueViolation(error)) {
          const winner = await repo.findTicketByKey(db, officeId, idempotencyKey)
          if (winner) return ctx.toDto(db, winner, today)
        }
        throw error
      }
    },

    /** A ticket, for staff of its office or for the resident holding its link (no personal data in it). */
    async getTicket(actor: Actor | null, id: string): Promise<TicketDto> {
      const row = await repo.findTicket(db, id)
      if (!row) throw notFound('Ticket')
      const dto = await ctx.toDto(db, row, await ctx.today(row.officeId))
      if (actor && isAllowed(actor, queuePolicy.read, row.officeId)) return dto
      const { topic: _topic, ...open } = dto
      return open
    },

    /**
     * What was done with a ticket, oldest first: issued, called (by whom, to which desk, why),
     * recalled, transferred, served. For staff of its office; residents see only the ticket.
     */
    async ticketHistory(actor: Actor, id: string): Promise<TicketActionDto[]> {
      const row = await repo.findTicket(db, id)
      if (!row) throw notFound('Ticket')
      assertAllowed(actor, queuePolicy.read, row.officeId)
      return (await ctx.history(id)).map((step) => ({
        at: step.at,
        action: step.action.replace(/^ticket\./, ''),
        by: step.actor.login,
        details: step.summary,
      }))
    },

    /** Today's tickets of an office that are waiting or on hold, oldest first (the desk console's list). */
    async waitingList(actor: Actor, officeId: string): Promise<TicketDto[]> {
      assertAllowed(actor, queuePolicy.work, officeId)
      const today = await ctx.today(officeId)
      const rows = await repo.ticketsOfDay(db, officeId, today, ['waiting', 'parked'])
      return Promise.all(rows.map((r) => ctx.toDto(db, r, today)))
    },

    /** The desk the actor has open, with the ticket in front of them; null when they sit at none. */
    async myDesk(
      actor: Actor,
    ): Promise<{ deskId: string; officeId: string; current: TicketDto | null } | null> {
      const state = await repo.deskOfClerk(db, actor.id)
      if (!state) return null
      const row = state.currentTicketId ? await repo.findTicket(db, state.currentTicketId) : undefined
      return {
        deskId: state.deskId,
        officeId: state.officeId,
        current: row ? await ctx.toDto(db, row, await ctx.today(state.officeId)) : null,
      }
    },

    /**
     * The calls a board missed after the call it last saw (its event id, `calledEvent`'s), still
     * waiting for their person: at most `limit`, oldest first. An id that names no call gives none.
     */
    async callsMissedAfter(officeId: string, lastEventId: string, limit = 20): Promise<CalledEvent[]> {
      const after = parseCalledEventId(lastEventId)
      if (!after) return []
      const [calls, desks] = await Promise.all([
        repo.callsAfter(db, officeId, await ctx.today(officeId), after, limit),
        ctx.desks(officeId),
      ])
      return callsAtDesks(calls, desks).map((call) => ({ officeId, ...call }))
    },

    /** What the hall's board shows: the latest calls and, per queue, who waits and for how long. */
    async board(officeId: string): Promise<BoardDto> {
      const today = await ctx.today(officeId)
      const [calls, queues, waiting, desks] = await Promise.all([
        repo.recentCalls(db, officeId, today, 8),
        repo.listQueues(db, officeId),
        repo.waitingCounts(db, officeId, today),
        ctx.desks(officeId),
      ])
      return {
        officeId,
        called: callsAtDesks(calls, desks),
        queues: await Promise.all(
          queues.map(async (q) => {
            const n = waiting.get(q.id) ?? 0
            return {
              prefix: q.prefix,
              name: stored.queueName(q.name),
              waiting: n,
              estimatedWaitMinutes: await ctx.estimateMinutes(db, officeId, q.id, today, n),
            }
          }),
        ),
      }
    },
  }
}
