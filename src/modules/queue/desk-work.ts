import { AppError, conflict, invalid, notFound } from '../../platform/errors.js'
import { type Actor, allow, assertAllowed } from '../identity/index.js'
import type { QueueContext } from './queue.context.js'
import { chooseNext } from './queue.fairness.js'
import { queuePolicy, ticketRules } from './queue.policy.js'
import * as repo from './queue.repository.js'
import type { TicketDto } from './queue.schemas.js'
import type { DeskStateRow, TicketRow } from './queue.tables.js'
import { assertTransition, type TicketAction } from './ticket-transitions.js'

type Trx = QueueContext['db']
type Change = Partial<Omit<TicketRow, 'id'>>
/** The desks an action on a ticket reads (and on PostgreSQL locks) first: the clerk's and the ticket's. */
type Desks = Awaited<ReturnType<QueueContext['desksFor']>>

/** What clerks do at a desk: call the next ticket by the office's fairness policy, then serve it. */
export function deskWork(ctx: QueueContext) {
  const { db, clock } = ctx

  /** The desk's state, which must be open by the actor. */
  function openedBy(actor: Actor, state: DeskStateRow | undefined): DeskStateRow {
    if (!state?.clerkId) throw conflict('DESK_NOT_OPEN', 'The desk is not open', 'Open it first.')
    if (state.clerkId !== actor.id)
      throw conflict('DESK_NOT_YOURS', 'Another clerk works at this desk', `${state.clerkLogin} opened it.`)
    return state
  }

  /** The desk the actor has open. */
  function mineOf(desks: Desks): DeskStateRow {
    if (!desks.mine) throw conflict('DESK_NOT_OPEN', 'You have no desk open', 'Open your desk first.')
    return desks.mine
  }

  /**
   * Ends the desk's current ticket when the next one is called: served if started, otherwise a
   * no-show, recorded in the audit trail as its own finish or no-show (marked as implied by the call),
   * and told in the answer so the clerk sees what became of it.
   */
  async function closeCurrent(trx: Trx, actor: Actor, state: DeskStateRow, now: string) {
    if (!state.currentTicketId) return undefined
    const closed = await repo.closeAtDesk(trx, state.currentTicketId, now)
    if (!closed) return undefined
    const action = closed.status === 'served' ? 'finish' : 'no-show'
    await ctx.record(trx, actor, `ticket.${action}`, closed.officeId, 'ticket', closed.id, {
      number: closed.display,
      from: closed.status === 'served' ? 'serving' : 'called',
      to: closed.status,
      impliedBy: 'call-next',
    })
    return { id: closed.id, number: closed.display, status: closed.status }
  }

  async function announce(row: TicketRow, deskId: string) {
    const desk = await ctx.desk(db, deskId)
    await ctx.announce({
      officeId: row.officeId,
      number: row.display,
      deskName: desk?.name ?? '',
      calledAt: row.calledAt!,
      recallCount: row.recallCount,
    })
  }

  /**
   * One action on one ticket, in a transaction holding (on PostgreSQL) the rows it may touch: `change`
   * checks the ticket's state against the actor's desk and says what to write.
   */
  async function act(
    actor: Actor,
    ticketId: string,
    action: TicketAction,
    change: (ticket: TicketRow, trx: Trx, now: string, desks: Desks) => Promise<Change>,
  ): Promise<TicketDto> {
    const found = await repo.findTicket(db, ticketId)
    if (!found) throw notFound('Ticket')
    assertAllowed(actor, queuePolicy.work, found.officeId)
    const today = await ctx.today(found.officeId)
    const row = await db.transaction().execute(async (trx) => {
      // Locks in one order everywhere (desks, then the ticket), so two never wait on each other.
      const desks = await ctx.desksFor(trx, actor.id, found.deskId)
      const ticket = (await ctx.ticketForUpdate(trx, ticketId))!
      if (repo.isExpired(ticket, today))
        throw conflict(
          'TICKET_EXPIRED',
          'The ticket has expired',
          'Tickets are valid on the day they are issued.',
        )
      assertTransition(ticket, action)
      const now = clock.now().toISOString()
      const set = await change(ticket, trx, now, desks)
      await repo.updateTicket(trx, ticket.id, set)
      await ctx.record(trx, actor, `ticket.${action}`, ticket.officeId, 'ticket', ticket.id, {
        number: ticket.display,
        from: ticket.status,
        to: set.status ?? ticket.status,
      })
      return { ...ticket, ...set }
    })
    // Both events in one turn: to other instances they go in one NOTIFY.
    await Promise.all([
      ctx.changed(row.officeId),
      action === 'recall' || action === 'resume' || action === 'call' ? announce(row, row.deskId!) : null,
    ])
    return ctx.toDto(db, row, today)
  }

  /** The ticket must be the one in front of the actor at their desk. */
  function atMyDesk(desks: Desks, ticket: TicketRow) {
    const desk = mineOf(desks)
    if (desk.currentTicketId !== ticket.id)
      throw conflict(
        'NOT_AT_YOUR_DESK',
        'This ticket is not at your desk',
        `Ticket ${ticket.display} is elsewhere.`,
      )
    return desk
  }

  const leaveDesk = (trx: Trx, desk: DeskStateRow) =>
    repo.saveDeskState(trx, { ...desk, currentTicketId: null })

  return {
    /**
     * Calls the next ticket to a desk by the office's fairness policy, closing the desk's current
     * ticket first (`closed` says how). `ticket` is null when nothing waits for this desk. A ticket is called only if it is still
     * waiting, in one conditional UPDATE, so two desks calling at once never get the same ticket, on
     * one server or several; desks do not wait for each other.
     */
    async callNext(
      actor: Actor,
      deskId: string,
    ): Promise<{ ticket: TicketDto | null; closed: TicketDto['closed'] }> {
      const desk = await ctx.desk(db, deskId)
      if (!desk) throw notFound('Desk')
      assertAllowed(actor, queuePolicy.work, desk.officeId)
      const today = await ctx.today(desk.officeId)
      const result = await db.transaction().execute(async (trx) => {
        const state = openedBy(actor, await ctx.deskStateForUpdate(trx, deskId))
        const now = clock.now()
        const at = now.toISOString()
        await ctx.expireStale(trx, desk.officeId, today)
        const closed = await closeCurrent(trx, actor, state, at)
        const skills = await ctx.deskSkills(trx, deskId)
        const queueIds = skills.map((s) => s.queueId)
        const policy = await ctx.policyOf(trx, desk.officeId)
        const weights = new Map(skills.map((s) => [s.queueId, s.weight]))
        // Choose, then call only if the ticket is still waiting: another desk (or instance) that got it
        // first makes the call change no row, and this desk chooses again among the rest.
        const taken = new Set<string>()
        for (;;) {
          // The few the policy could pick, read again after losing a race (the winner has committed by
          // then, so they are new ones); every waiting ticket when those are all still taken.
          const few = queueIds.length === 0 ? [] : await repo.callableIn(trx, today, queueIds, at, deskId)
          const waiting =
            few.length > 0 && few.every((t) => taken.has(t.id))
              ? await repo.waitingIn(trx, today, queueIds)
              : few
          const callable = waiting
            .filter((t) => !taken.has(t.id))
            .filter((t) => t.callableFrom === null || t.callableFrom <= at)
            .filter((t) => t.reservedDeskId === null || t.reservedDeskId === deskId)
            .map((t) => ({
              id: t.id,
              queueId: t.queueId,
              priority: t.priority,
              arrivedAt: t.arrivedAt,
              bookedFor: t.appointmentId ? t.callableFrom : null,
            }))
          const choice = chooseNext(callable, policy, state.priorityStreak, now, weights)
          if (!choice) {
            await leaveDesk(trx, state)
            return { ticket: null, closed }
          }
          const queueId = callable.find((t) => t.id === choice.ticketId)!.queueId
          const ticket = await repo.callIfWaiting(trx, {
            id: choice.ticketId,
            queueId,
            deskId,
            clerkId: actor.id,
            calledAt: at,
          })
          if (!ticket) {
            taken.add(choice.ticketId)
            continue
          }
          await repo.saveDeskState(trx, {
            ...state,
            currentTicketId: choice.ticketId,
            priorityStreak: choice.streak,
          })
          await ctx.record(trx, actor, 'ticket.call', desk.officeId, 'ticket', ticket.id, {
            number: ticket.display,
            desk: desk.name,
            reason: choice.reason,
          })
          return { ticket, reason: choice.reason, closed }
        }
      })
      const changed = ctx.changed(desk.officeId)
      if (!result.ticket) {
        await changed
        return { ticket: null, closed: result.closed }
      }
      // Both events in one turn: to other instances they go in one NOTIFY.
      await Promise.all([changed, announce(result.ticket, deskId)])
      const dto = await ctx.toDto(db, result.ticket, today, { reason: result.reason })
      return { ticket: result.closed ? { ...dto, closed: result.closed } : dto, closed: result.closed }
    },

    /** Calls one waiting ticket to the actor's desk out of turn (recorded as such), closing the current one. */
    callTicket: async (actor: Actor, id: string) => {
      let closed: Awaited<ReturnType<typeof closeCurrent>>
      const dto = await act(actor, id, 'call', async (t, trx, now, desks) => {
        const desk = mineOf(desks)
        closed = await closeCurrent(trx, actor, desk, now)
        await repo.saveDeskState(trx, { ...desk, currentTicketId: t.id })
        return {
          status: 'called',
          deskId: desk.deskId,
          clerkId: actor.id,
          calledAt: now,
          recallCount: 0,
          reservedDeskId: null,
          calledOutOfOrder: 1,
        }
      })
      return { ...dto, reason: 'out-of-order' as const, ...(closed ? { closed } : {}) }
    },

    recall: (actor: Actor, id: string) =>
      act(actor, id, 'recall', async (t, _trx, _now, desks) => {
        atMyDesk(desks, t)
        return { recallCount: t.recallCount + 1 }
      }),

    start: (actor: Actor, id: string) =>
      act(actor, id, 'start', async (t, _trx, now, desks) => {
        atMyDesk(desks, t)
        return { status: 'serving', startedAt: now }
      }),

    finish: (actor: Actor, id: string, topic?: string) =>
      act(actor, id, 'finish', async (t, trx, now, desks) => {
        const desk = atMyDesk(desks, t)
        await leaveDesk(trx, desk)
        return {
          status: 'served',
          startedAt: t.startedAt ?? t.calledAt,
          finishedAt: now,
          topic: topic ?? t.topic,
        }
      }),

    noShow: (actor: Actor, id: string) =>
      act(actor, id, 'no-show', async (t, trx, now, desks) => {
        const desk = atMyDesk(desks, t)
        await leaveDesk(trx, desk)
        return { status: 'no-show', noShowAt: now }
      }),

    park: (actor: Actor, id: string) =>
      act(actor, id, 'park', async (t, trx, _now, desks) => {
        const desk = atMyDesk(desks, t)
        await leaveDesk(trx, desk)
        return { status: 'parked' }
      }),

    /** A parked ticket comes back to the actor's desk, where it left off. */
    resume: (actor: Actor, id: string) =>
      act(actor, id, 'resume', async (t, trx, _now, desks) => {
        const desk = mineOf(desks)
        if (desk.currentTicketId)
          throw conflict('DESK_BUSY', 'A ticket is already at your desk', 'Finish or park it first.')
        await repo.saveDeskState(trx, { ...desk, currentTicketId: t.id })
        return { status: t.startedAt ? 'serving' : 'called', deskId: desk.deskId, clerkId: actor.id }
      }),

    /** A no-show who turns up within the office's window waits again with their original arrival time. */
    reactivate: (actor: Actor, id: string) =>
      act(actor, id, 'reactivate', async (t, trx, now) => {
        const policy = await ctx.policyOf(trx, t.officeId)
        const deadline = Date.parse(t.noShowAt!) + policy.reactivateWithinMinutes * 60_000
        if (Date.parse(now) > deadline)
          throw conflict(
            'REACTIVATION_WINDOW_PASSED',
            'Too late to reactivate',
            `A no-show can be reactivated within ${policy.reactivateWithinMinutes} minutes.`,
          )
        return { status: 'waiting', deskId: null, clerkId: null, noShowAt: null }
      }),

    /** To another queue (optionally one desk), keeping the number and the original arrival time. */
    transfer: (actor: Actor, id: string, to: { queueId: string; deskId?: string | undefined }) =>
      act(actor, id, 'transfer', async (t, trx, _now, desks) => {
        const queue = await repo.findQueue(trx, to.queueId)
        if (!queue || queue.officeId !== t.officeId)
          throw invalid([{ path: 'body.queueId', message: 'is not a queue of this office' }])
        if (to.deskId) {
          const target = await ctx.offices.desk(trx, to.deskId)
          if (!target || target.officeId !== t.officeId)
            throw invalid([{ path: 'body.deskId', message: 'is not a desk of this office' }])
        }
        if (t.deskId) {
          // The ticket's desk as read with the clerk's, unless the ticket moved before its lock.
          const desk =
            desks.ticketDesk?.deskId === t.deskId ? desks.ticketDesk : await repo.findDeskState(trx, t.deskId)
          if (desk?.currentTicketId === t.id) {
            // A ticket in front of a clerk is theirs to pass on; only a manager may take it away.
            if (!allow(actor, ticketRules.passOn, { officeId: t.officeId, assigneeId: desk.clerkId }))
              throw new AppError(
                'TICKET_AT_ANOTHER_DESK',
                403,
                'This ticket is being served at another desk',
                `Only ${desk.clerkLogin ?? 'the clerk at that desk'} or a manager may transfer ticket ${t.display}.`,
              )
            await leaveDesk(trx, desk)
          }
        }
        return {
          status: 'waiting',
          queueId: queue.id,
          reservedDeskId: to.deskId ?? null,
          deskId: null,
          clerkId: null,
          transferCount: t.transferCount + 1,
        }
      }),
  }
}
