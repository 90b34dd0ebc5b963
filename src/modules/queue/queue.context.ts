import type { AuditTrail } from '../../platform/audit-trail.js'
import { TtlCache } from '../../platform/cache.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, type DialectName, withTables } from '../../platform/db/index.js'
import { notFound } from '../../platform/errors.js'
import type { EventBus } from '../../platform/events.js'
import { localDateOf } from '../../platform/timezone.js'
import { type Actor, auditRecordBy } from '../identity/index.js'
import * as repo from './queue.repository.js'
import { BASE_PRIORITIES, type PolicyDto, type TicketDto } from './queue.schemas.js'
import { type QueueTables, stored, type TicketRow } from './queue.tables.js'

/** What the queue module needs of the offices module. */
export interface OfficeDirectory {
  /** The IANA timezone of an office, or null when there is no such office. */
  timezoneOf(officeId: string): Promise<string | null>
  createDesk(actor: Actor, officeId: string, name: string, uow: Db): Promise<{ id: string; name: string }>
  /** Desks are the offices module's: read through `uow`, so inside the queue's transactions too. */
  desk(uow: Db, id: string): Promise<Desk | undefined>
  desks(uow: Db, officeId: string): Promise<Desk[]>
}

export interface Desk {
  id: string
  officeId: string
  name: string
}

export const QUEUE_EVENTS = {
  /** A ticket was called or recalled: the board announces it. */
  called: 'queue.ticket-called',
  /** Waiting counts changed (issue, call, transfer…): boards refresh their figures. */
  changed: 'queue.changed',
} as const

export interface CalledEvent {
  officeId: string
  number: string
  deskName: string
  calledAt: string
  recallCount: number
}

/**
 * A call's event id on the board's stream: when, then which number (`2026-11-25T08:01:02.003Z~A012`).
 * The same on every instance, and ordered, so a board that reconnects with it gets what came after.
 */
export function calledEventId(event: Pick<CalledEvent, 'calledAt' | 'number'>): string {
  return `${event.calledAt}~${event.number}`
}

export function parseCalledEventId(id: string): { calledAt: string; number: string } | null {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?Z)~([A-Z0-9]{1,12})$/.exec(id)
  return match ? { calledAt: match[1]!, number: match[2]! } : null
}

declare module '../../platform/events.js' {
  interface EventMap {
    'queue.ticket-called': CalledEvent
    'queue.changed': { officeId: string }
  }
}

export const DEFAULT_POLICY = {
  maxPriorityInRow: 2,
  maxWaitMinutes: null,
  priorities: [...BASE_PRIORITIES],
  reactivateWithinMinutes: 15,
} as const

/** Minutes a service takes when a queue has served nobody yet today. */
const DEFAULT_SERVICE_MINUTES = 5

/** The shared internals of the queue use cases. */
export function queueContext(
  database: Db,
  dialect: DialectName,
  clock: Clock,
  bus: EventBus,
  audit: AuditTrail,
  offices: OfficeDirectory,
) {
  const db = withTables<QueueTables>(database)
  // What changes seldom is kept a few seconds (cleared at once by this instance's own changes; other
  // instances see a change within the TTL): the policy, queue and desk rows, desks' queues, and the
  // figures behind wait estimates. Tickets and desk states are always read in the transaction.
  const settings = new TtlCache<unknown>({ ttlMs: 5_000, maxEntries: 5_000 })
  const figures = new TtlCache<unknown>({ ttlMs: 5_000, maxEntries: 5_000 })
  // `from`: the handle the load reads through; inside a transaction it must not join a load under way.
  const cached = <T>(cache: TtlCache<unknown>, key: string, from: typeof db, load: () => Promise<T>) =>
    cache.getOrLoad(key, load, { alone: from.isTransaction }) as Promise<T>
  /** The last office-local day each office's stale tickets were expired on, in this instance. */
  const expiredUpTo = new Map<string, string>()

  async function zoneOf(officeId: string): Promise<string> {
    const zone = await offices.timezoneOf(officeId)
    if (!zone) throw notFound('Office')
    return zone
  }

  return {
    db,
    clock,
    offices,
    zoneOf,
    /** The office-local day now. */
    async today(officeId: string): Promise<string> {
      return localDateOf(clock.now(), await zoneOf(officeId))
    },

    /**
     * A ticket read for changing it: on PostgreSQL with its row lock held to the end of the
     * transaction (across instances); SQLite runs one write transaction at a time.
     */
    ticketForUpdate(trx: typeof db, id: string) {
      return dialect === 'postgres' ? repo.lockTicket(trx, id) : repo.findTicket(trx, id)
    },

    /**
     * A desk's state for a call at it: on PostgreSQL with its row lock held, so one call at a desk at
     * a time (a double click, two tabs), in one statement.
     */
    deskStateForUpdate(trx: typeof db, deskId: string) {
      return dialect === 'postgres' ? repo.lockDeskState(trx, deskId) : repo.findDeskState(trx, deskId)
    },

    /**
     * For an action on a ticket: the desk the clerk has open and the desk the ticket is at, read in
     * one statement and on PostgreSQL locked in the order of their ids, before the ticket; call-next
     * locks its desk before tickets too, so no two transactions wait on each other.
     */
    desksFor(trx: typeof db, clerkId: string, ticketDeskId: string | null) {
      return repo.desksOfTicketAction(trx, clerkId, ticketDeskId, dialect === 'postgres')
    },

    /** Sets the queues a desk serves; on PostgreSQL two managers saving one desk at once take turns. */
    saveDeskQueues(
      trx: typeof db,
      deskId: string,
      queueIds: readonly string[],
      weights?: Record<string, number>,
    ) {
      return repo.setDeskQueues(trx, deskId, queueIds, weights, dialect === 'postgres')
    },

    /** Forget cached settings after a change (this instance; others within the TTL). */
    settingsChanged() {
      settings.clear()
      figures.clear()
    },

    // `from`: the transaction when called inside one (SQLite has one connection).
    queue: (from: typeof db, id: string) =>
      cached(settings, `queue:${id}`, from, () => repo.findQueue(from, id)),
    desk: (from: typeof db, id: string) => cached(settings, `desk:${id}`, from, () => offices.desk(from, id)),
    /** An office's desks (names for the board), kept like the other settings. */
    desks: (officeId: string) => cached(settings, `desks:${officeId}`, db, () => offices.desks(db, officeId)),
    deskSkills: (from: typeof db, deskId: string) =>
      cached(settings, `skills:${deskId}`, from, () => repo.deskSkills(from, deskId)),

    /** Expires an office's tickets left open on earlier days; once a day per office and instance. */
    async expireStale(trx: typeof db, officeId: string, today: string): Promise<number> {
      if (expiredUpTo.get(officeId) === today) return 0
      const expired = await repo.expireBefore(trx, officeId, today)
      expiredUpTo.set(officeId, today)
      return expired
    },

    policyOf(trx: typeof db, officeId: string): Promise<PolicyDto> {
      return cached(settings, `policy:${officeId}`, trx, () => this.loadPolicy(trx, officeId))
    },

    async loadPolicy(trx: typeof db, officeId: string): Promise<PolicyDto> {
      const row = await repo.findPolicy(trx, officeId)
      return row
        ? {
            officeId,
            maxPriorityInRow: row.maxPriorityInRow,
            maxWaitMinutes: row.maxWaitMinutes,
            priorities: stored.priorities(row.priorities),
            reactivateWithinMinutes: row.reactivateWithinMinutes,
          }
        : { officeId, ...DEFAULT_POLICY, priorities: [...DEFAULT_POLICY.priorities] }
    },

    /** A ticket's action log (from the audit trail). */
    history: (ticketId: string) => audit.history('ticket', ticketId),

    record(
      trx: Db,
      actor: Actor,
      action: string,
      officeId: string,
      type: string,
      id: string,
      summary: object,
    ) {
      return audit.record(
        trx,
        auditRecordBy(actor, {
          action,
          officeId,
          subjectType: type,
          subjectId: id,
          summary: summary as Record<string, unknown>,
        }),
      )
    },

    async changed(officeId: string) {
      await bus.publish({ type: QUEUE_EVENTS.changed, payload: { officeId }, at: clock.now().toISOString() })
    },

    async announce(event: CalledEvent) {
      await bus.publish({ type: QUEUE_EVENTS.called, payload: event, at: event.calledAt })
    },

    /** Expected minutes until a ticket with `ahead` people before it is called. */
    async estimateMinutes(
      trx: typeof db,
      officeId: string,
      queueId: string,
      localDate: string,
      ahead: number,
    ) {
      const times = await cached(figures, `times:${queueId}:${localDate}`, trx, () =>
        repo.recentServiceTimes(trx, queueId, localDate),
      )
      const average = times.length
        ? times.reduce((a, b) => a + b, 0) / times.length / 60_000
        : DEFAULT_SERVICE_MINUTES
      const open = await cached(figures, `desks:${officeId}`, trx, () =>
        repo.openDesksPerQueue(trx, officeId),
      )
      const desks = Math.max(1, open.get(queueId) ?? 0)
      return Math.ceil((ahead / desks) * average)
    },

    /** The ticket as the API shows it, with `extra` (e.g. the reason of a call) added. */
    async toDto(
      trx: typeof db,
      row: TicketRow,
      today: string,
      extra: Partial<TicketDto> = {},
    ): Promise<TicketDto> {
      const status = (repo.isExpired(row, today) ? 'expired' : row.status) as TicketDto['status']
      const desk = row.deskId ? await this.desk(trx, row.deskId) : undefined
      let waiting: Partial<TicketDto> = {}
      // Figures the caller already has (at issue: what the resident is told) are not asked again.
      if (status === 'waiting' && extra.peopleAhead === undefined) {
        const ahead = await repo.countAhead(trx, row.queueId, row.localDate, row.arrivedAt)
        waiting = {
          peopleAhead: ahead,
          estimatedWaitMinutes: await this.estimateMinutes(
            trx,
            row.officeId,
            row.queueId,
            row.localDate,
            ahead,
          ),
        }
      }
      return {
        id: row.id,
        officeId: row.officeId,
        number: row.display,
        queueId: row.queueId,
        status,
        priority: row.priority,
        ...(row.purpose ? { purpose: row.purpose as NonNullable<TicketDto['purpose']> } : {}),
        ...(row.serviceId ? { serviceId: row.serviceId } : {}),
        channel: row.channel as TicketDto['channel'],
        localDate: row.localDate,
        issuedAt: row.issuedAt,
        arrivedAt: row.arrivedAt,
        ...(row.calledAt ? { calledAt: row.calledAt } : {}),
        ...(row.startedAt ? { startedAt: row.startedAt } : {}),
        ...(row.finishedAt ? { finishedAt: row.finishedAt } : {}),
        ...(desk && ['called', 'serving', 'parked'].includes(status)
          ? { deskId: desk.id, deskName: desk.name }
          : {}),
        recallCount: row.recallCount,
        transferCount: row.transferCount,
        ...(row.topic ? { topic: row.topic } : {}),
        ...waiting,
        ...extra,
      }
    },
  }
}

export type QueueContext = ReturnType<typeof queueContext>
