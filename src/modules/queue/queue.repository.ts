import { type Kysely, sql } from 'kysely'
import { nextInSequence } from '../../platform/counters.js'
import { prepared, valuesOf } from '../../platform/db/prepared.js'
import type { TicketStatus } from './queue.schemas.js'
import type { DeskStateRow, PolicyRow, QueueRow, QueueTables, TicketRow } from './queue.tables.js'

type Db = Kysely<QueueTables>

/** Statuses of a ticket still in the office: waiting, at a desk, or put aside. */
export const ACTIVE = ['waiting', 'called', 'serving', 'parked'] as const

export const isActive = (status: string) => (ACTIVE as readonly string[]).includes(status)

/** A ticket of an earlier office-local day that never finished: expired, whether or not a sweep marked it. */
export const isExpired = (ticket: { localDate: string; status: string }, today: string) =>
  ticket.localDate < today && isActive(ticket.status)

export function findQueue(db: Db, id: string): Promise<QueueRow | undefined> {
  return db.selectFrom('queues').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listQueues(db: Db, officeId: string): Promise<QueueRow[]> {
  return db.selectFrom('queues').selectAll().where('officeId', '=', officeId).orderBy('prefix').execute()
}

export async function insertQueue(db: Db, row: QueueRow): Promise<void> {
  await db.insertInto('queues').values(row).execute()
}

export function findPolicy(db: Db, officeId: string): Promise<PolicyRow | undefined> {
  return db.selectFrom('queuePolicies').selectAll().where('officeId', '=', officeId).executeTakeFirst()
}

export async function savePolicy(db: Db, row: Omit<PolicyRow, 'lockSeq'>): Promise<void> {
  const { officeId, ...rest } = row
  await db
    .insertInto('queuePolicies')
    .values({ ...row, lockSeq: 0 })
    .onConflict((oc) => oc.column('officeId').doUpdateSet(rest))
    .execute()
}

/**
 * Reads a ticket and, on PostgreSQL, holds its row lock for the rest of the transaction (an UPDATE
 * that changes nothing), so that actions on one ticket from several desks or instances run one after
 * another. SQLite runs one write transaction at a time anyway.
 */
const ticketLocked = prepared((db: Db, v: { id: string }) =>
  db
    .updateTable('tickets')
    .set((eb) => ({ recallCount: eb.ref('recallCount') }))
    .where('id', '=', v.id)
    .returningAll(),
)

export async function lockTicket(db: Db, id: string): Promise<TicketRow | undefined> {
  return (await ticketLocked(db, { id })).rows[0]
}

/**
 * A desk's state with its row lock held for the rest of the transaction (PostgreSQL: one call at a
 * desk at a time), in one statement; undefined when the desk was never opened.
 */
const deskLocked = prepared((db: Db, v: { deskId: string }) =>
  db
    .updateTable('deskStates')
    .set((eb) => ({ priorityStreak: eb.ref('priorityStreak') }))
    .where('deskId', '=', v.deskId)
    .returningAll(),
)

export async function lockDeskState(db: Db, deskId: string): Promise<DeskStateRow | undefined> {
  return (await deskLocked(db, { deskId })).rows[0]
}

const desksOfAction = (db: Db, v: { clerkId: string; deskId: string | null }) =>
  db
    .selectFrom('deskStates')
    .selectAll()
    .where((eb) => eb.or([eb('clerkId', '=', v.clerkId), eb('deskId', '=', v.deskId)]))
    .orderBy('deskId')
const desksOfActionLocked = prepared((db: Db, v: { clerkId: string; deskId: string | null }) =>
  desksOfAction(db, v).forUpdate(),
)
const desksOfActionRead = prepared(desksOfAction)

/**
 * The desk a clerk has open and the desk a ticket is at (when it is at one), in one statement; with
 * `lock` (PostgreSQL) their row locks taken in the order of their ids (the rows are locked as the
 * sorted rows come out), so no two transactions wait on each other.
 */
export async function desksOfTicketAction(
  db: Db,
  clerkId: string,
  ticketDeskId: string | null,
  lock: boolean,
): Promise<{ mine: DeskStateRow | undefined; ticketDesk: DeskStateRow | undefined }> {
  const v = { clerkId, deskId: ticketDeskId }
  const { rows } = await (lock ? desksOfActionLocked : desksOfActionRead)(db, v)
  return {
    mine: rows.find((r) => r.clerkId === clerkId),
    ticketDesk: ticketDeskId ? rows.find((r) => r.deskId === ticketDeskId) : undefined,
  }
}

/**
 * Calls a ticket if it is still waiting in that queue for this desk, in one statement: the
 * condition is what makes two desks never call one ticket (the loser changes no row and chooses
 * again). Undefined when someone else got there first.
 */
const callWaiting = prepared(
  (db: Db, v: { id: string; queueId: string; deskId: string; clerkId: string; calledAt: string }) =>
    db
      .updateTable('tickets')
      .set({
        status: 'called',
        deskId: v.deskId,
        clerkId: v.clerkId,
        calledAt: v.calledAt,
        recallCount: 0,
        reservedDeskId: null,
      })
      .where('id', '=', v.id)
      .where('status', '=', 'waiting')
      .where('queueId', '=', v.queueId)
      .where((eb) => eb.or([eb('reservedDeskId', 'is', null), eb('reservedDeskId', '=', v.deskId)]))
      .returningAll(),
)

export async function callIfWaiting(
  db: Db,
  v: { id: string; queueId: string; deskId: string; clerkId: string; calledAt: string },
): Promise<TicketRow | undefined> {
  return (await callWaiting(db, v)).rows[0]
}

/** The queues a desk serves, each with the desk's weight for it. */
export function deskSkills(db: Db, deskId: string): Promise<{ queueId: string; weight: number }[]> {
  return db.selectFrom('deskQueues').select(['queueId', 'weight']).where('deskId', '=', deskId).execute()
}

/**
 * Sets the queues a desk serves. With `lock` (PostgreSQL) the saves of one desk take turns on a
 * transaction-scoped advisory lock keyed by the desk: row locks cannot do it, since the rows are what
 * changes (a save that drops a queue locks the row it deletes while another that keeps it inserts it
 * again: each waited on the other, and PostgreSQL ended one as a deadlock, a 503; seen under CI load
 * in simultaneous-creates). SQLite runs one write transaction at a time.
 */
export async function setDeskQueues(
  db: Db,
  deskId: string,
  queueIds: readonly string[],
  weights: Readonly<Record<string, number>> = {},
  lock = false,
): Promise<void> {
  const keep = [...new Set(queueIds)].sort()
  if (lock) await sql`select pg_advisory_xact_lock(hashtext(${`desk-queues:${deskId}`}))`.execute(db)
  await db
    .deleteFrom('deskQueues')
    .where('deskId', '=', deskId)
    .$if(keep.length > 0, (q) => q.where('queueId', 'not in', keep))
    .execute()
  if (keep.length)
    await db
      .insertInto('deskQueues')
      .values(keep.map((queueId) => ({ deskId, queueId, weight: weights[queueId] ?? 1 })))
      // Two managers saving the same desk at once: the later one's weights win, neither fails.
      .onConflict((oc) =>
        oc.columns(['deskId', 'queueId']).doUpdateSet((eb) => ({ weight: eb.ref('excluded.weight') })),
      )
      .execute()
}

/** An office's desks (from the offices module) with who sits there and which queues they serve. */
export async function listDesks(db: Db, desks: readonly { id: string; officeId: string; name: string }[]) {
  const ids = desks.map((d) => d.id)
  if (ids.length === 0) return []
  const [states, skills] = await Promise.all([
    db
      .selectFrom('deskStates')
      .select(['deskId', 'clerkLogin', 'currentTicketId'])
      .where('deskId', 'in', ids)
      .execute(),
    db.selectFrom('deskQueues').select(['deskId', 'queueId', 'weight']).where('deskId', 'in', ids).execute(),
  ])
  const stateOf = new Map(states.map((s) => [s.deskId, s]))
  return desks.map((d) => {
    const own = skills.filter((s) => s.deskId === d.id)
    return {
      ...d,
      clerkLogin: stateOf.get(d.id)?.clerkLogin ?? null,
      currentTicketId: stateOf.get(d.id)?.currentTicketId ?? null,
      queueIds: own.map((s) => s.queueId),
      weights: Object.fromEntries(own.map((s) => [s.queueId, s.weight])),
    }
  })
}

const deskStateById = prepared((db: Db, v: { deskId: string }) =>
  db.selectFrom('deskStates').selectAll().where('deskId', '=', v.deskId),
)

export async function findDeskState(db: Db, deskId: string): Promise<DeskStateRow | undefined> {
  return (await deskStateById(db, { deskId })).rows[0]
}

export function deskOfClerk(db: Db, clerkId: string): Promise<DeskStateRow | undefined> {
  return db.selectFrom('deskStates').selectAll().where('clerkId', '=', clerkId).executeTakeFirst()
}

const DESK_STATE_COLUMNS = [
  'deskId',
  'officeId',
  'clerkId',
  'clerkLogin',
  'openedAt',
  'currentTicketId',
  'priorityStreak',
] as const satisfies readonly (keyof DeskStateRow)[]

const upsertDeskState = prepared((db: Db, v: DeskStateRow) => {
  const { deskId, ...rest } = valuesOf(v, DESK_STATE_COLUMNS)
  return db
    .insertInto('deskStates')
    .values({ deskId, ...rest })
    .onConflict((oc) => oc.column('deskId').doUpdateSet(rest))
})

export async function saveDeskState(db: Db, row: DeskStateRow): Promise<void> {
  await upsertDeskState(db, row)
}

/** The next number of a queue on a local day, taken in the caller's transaction (gap-free). */
export function nextNumber(db: Db, queueId: string, localDate: string): Promise<number> {
  return nextInSequence(db, `queue:${queueId}`, localDate)
}

const TICKET_COLUMNS = [
  'id',
  'officeId',
  'queueId',
  'numberQueueId',
  'localDate',
  'number',
  'display',
  'status',
  'priority',
  'purpose',
  'serviceId',
  'channel',
  'appointmentId',
  'callableFrom',
  'arrivedAt',
  'issuedAt',
  'calledAt',
  'startedAt',
  'finishedAt',
  'noShowAt',
  'deskId',
  'clerkId',
  'reservedDeskId',
  'recallCount',
  'transferCount',
  'calledOutOfOrder',
  'topic',
  'idempotencyKey',
  'estimatedWaitMinutes',
] as const satisfies readonly (keyof TicketRow)[]

const ticketInsert = prepared((db: Db, v: TicketRow) =>
  db.insertInto('tickets').values(valuesOf(v, TICKET_COLUMNS)),
)

export async function insertTicket(db: Db, row: TicketRow): Promise<void> {
  await ticketInsert(db, row)
}

const ticketById = prepared((db: Db, v: { id: string }) =>
  db.selectFrom('tickets').selectAll().where('id', '=', v.id),
)

export async function findTicket(db: Db, id: string): Promise<TicketRow | undefined> {
  return (await ticketById(db, { id })).rows[0]
}

const ticketByKey = prepared((db: Db, v: { officeId: string; key: string }) =>
  db.selectFrom('tickets').selectAll().where('officeId', '=', v.officeId).where('idempotencyKey', '=', v.key),
)

export async function findTicketByKey(db: Db, officeId: string, key: string): Promise<TicketRow | undefined> {
  return (await ticketByKey(db, { officeId, key })).rows[0]
}

export async function updateTicket(db: Db, id: string, set: Partial<Omit<TicketRow, 'id'>>): Promise<void> {
  await db.updateTable('tickets').set(set).where('id', '=', id).execute()
}

/**
 * Ends the ticket in front of a desk when the next is called, in one statement: served if its
 * service had started, a no-show if it was only called; anything else is left as it is.
 */
const closeTicket = prepared((db: Db, v: { id: string; at: string }) =>
  db
    .updateTable('tickets')
    .set((eb) => ({
      status: eb
        .case()
        .when('status', '=', 'serving')
        .then('served' as const)
        .else('no-show' as const)
        .end(),
      finishedAt: eb.case().when('status', '=', 'serving').then(v.at).else(eb.ref('finishedAt')).end(),
      noShowAt: eb.case().when('status', '=', 'called').then(v.at).else(eb.ref('noShowAt')).end(),
    }))
    .where('id', '=', v.id)
    .where('status', 'in', ['serving', 'called'])
    .returning(['id', 'display', 'status', 'officeId']),
)

/** The ticket closed (served or a no-show), or null when it had already left the desk. */
export async function closeAtDesk(db: Db, id: string, at: string) {
  const [closed] = (await closeTicket(db, { id, at })).rows
  return closed ? { ...closed, status: closed.status as 'served' | 'no-show' } : null
}

/** `shape`: how many queues (q0, q1, …). */
const waitingInQueues = prepared(
  (db: Db, v: { localDate: string } & Record<`q${number}`, string>, shape: string) =>
    db
      .selectFrom('tickets')
      .select(['id', 'priority', 'arrivedAt', 'callableFrom', 'appointmentId', 'reservedDeskId', 'queueId'])
      .where(
        'queueId',
        'in',
        Array.from({ length: Number(shape) }, (_, i) => v[`q${i}`] as string),
      )
      .where('localDate', '=', v.localDate)
      .where('status', '=', 'waiting'),
)

/** Waiting tickets of a day in some queues, for call-next to choose from. */
export async function waitingIn(db: Db, localDate: string, queueIds: readonly string[]) {
  const v: { localDate: string } & Record<`q${number}`, string> = { localDate }
  queueIds.forEach((id, i) => {
    v[`q${i}`] = id
  })
  return (await waitingInQueues(db, v, String(queueIds.length))).rows
}

type WaitingRow = Awaited<ReturnType<typeof waitingIn>>[number]

/**
 * The tickets call-next may choose from, and only those the fairness policy could pick: per queue the
 * oldest waiting walk-in without priority that this desk may call (the first such entry of
 * `tickets_queue_day`, in arrival order), and every waiting ticket with a priority or a booking
 * (`tickets_waiting_special`, a partial index: they are few), callable now at this desk (its booking
 * time come, not kept for another desk). `chooseNext` only ever takes the oldest arrival, the earliest
 * booking or the longest wait × the queue's weight of such a group, so its choice is the same as over
 * every waiting ticket; a long queue no longer makes each call read all of it.
 */
const callableInQueues = prepared(
  (
    db: Db,
    v: { localDate: string; at: string; deskId: string } & Record<`q${number}`, string>,
    shape: string,
  ) => {
    const columns = sql`id, priority, arrived_at, callable_from, appointment_id, reserved_desk_id, queue_id`
    const callable = sql`local_date = ${v.localDate} and status = 'waiting'
      and (callable_from is null or callable_from <= ${v.at})
      and (reserved_desk_id is null or reserved_desk_id = ${v.deskId})`
    const queueIds = Array.from({ length: Number(shape) }, (_, i) => v[`q${i}`] as string)
    const oldest = queueIds.map(
      (queueId) => sql`select * from (select ${columns} from tickets
        where queue_id = ${queueId} and ${callable} and priority = 'none' and appointment_id is null
        order by arrived_at, id limit 1) as q`,
    )
    const special = sql`select ${columns} from tickets
      where queue_id in (${sql.join(queueIds.map((id) => sql`${id}`))}) and ${callable}
        and (priority <> 'none' or appointment_id is not null)`
    const query = sql<WaitingRow>`${sql.join([...oldest, special], sql` union all `)}`
    return { compile: () => query.compile(db) }
  },
)

export async function callableIn(
  db: Db,
  localDate: string,
  queueIds: readonly string[],
  at: string,
  deskId: string,
): Promise<WaitingRow[]> {
  const v: { localDate: string; at: string; deskId: string } & Record<`q${number}`, string> = {
    localDate,
    at,
    deskId,
  }
  queueIds.forEach((id, i) => {
    v[`q${i}`] = id
  })
  return (await callableInQueues(db, v, String(queueIds.length))).rows
}

/** Tickets of earlier days that never finished become expired (no job at midnight: done on use). */
/** Tickets of an office's earlier days still open are expired; returns how many. */
export async function expireBefore(db: Db, officeId: string, localDate: string): Promise<number> {
  const result = await db
    .updateTable('tickets')
    .set({ status: 'expired' })
    .where('officeId', '=', officeId)
    .where('localDate', '<', localDate)
    .where('status', 'in', ACTIVE)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

const ahead = prepared((db: Db, v: { queueId: string; localDate: string; arrivedAt: string }) =>
  db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('queueId', '=', v.queueId)
    .where('localDate', '=', v.localDate)
    .where('status', '=', 'waiting')
    .where('arrivedAt', '<', v.arrivedAt),
)

export async function countAhead(db: Db, queueId: string, localDate: string, arrivedAt: string) {
  const { rows } = await ahead(db, { queueId, localDate, arrivedAt })
  return Number(rows[0]!.n)
}

export async function waitingCounts(db: Db, officeId: string, localDate: string) {
  const rows = await db
    .selectFrom('tickets')
    .select((eb) => ['queueId', eb.fn.countAll<number>().as('n')])
    .where('officeId', '=', officeId)
    .where('localDate', '=', localDate)
    .where('status', '=', 'waiting')
    .groupBy('queueId')
    .execute()
  return new Map(rows.map((r) => [r.queueId, Number(r.n)]))
}

/** Called-to-finished times of a queue's last served tickets of the day, in ms. */
export async function recentServiceTimes(db: Db, queueId: string, localDate: string, limit = 20) {
  const rows = await db
    .selectFrom('tickets')
    .select(['calledAt', 'finishedAt'])
    .where('queueId', '=', queueId)
    .where('localDate', '=', localDate)
    .where('status', '=', 'served')
    .orderBy('finishedAt', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => Date.parse(r.finishedAt!) - Date.parse(r.calledAt!)).filter((ms) => ms >= 0)
}

/** How many open desks serve each queue of an office. */
export async function openDesksPerQueue(db: Db, officeId: string) {
  const rows = await db
    .selectFrom('deskQueues')
    .innerJoin('deskStates', 'deskStates.deskId', 'deskQueues.deskId')
    .select((eb) => ['deskQueues.queueId', eb.fn.countAll<number>().as('n')])
    .where('deskStates.officeId', '=', officeId)
    .where('deskStates.clerkId', 'is not', null)
    .groupBy('deskQueues.queueId')
    .execute()
  return new Map(rows.map((r) => [r.queueId, Number(r.n)]))
}

/** The latest calls of the day, newest first, with the desk each is at. */
export function recentCalls(db: Db, officeId: string, localDate: string, limit: number) {
  return db
    .selectFrom('tickets')
    .select(['display', 'deskId', 'calledAt', 'recallCount'])
    .where('officeId', '=', officeId)
    .where('localDate', '=', localDate)
    .where('status', 'in', ['called', 'serving'])
    .where('deskId', 'is not', null)
    .orderBy('calledAt', 'desc')
    .limit(limit)
    .execute()
}

/**
 * The day's calls still waiting for their person, made after a given call (its time, then its number
 * for calls of the same millisecond), oldest first: what a board that lost its stream missed.
 */
export function callsAfter(
  db: Db,
  officeId: string,
  localDate: string,
  after: { calledAt: string; number: string },
  limit: number,
) {
  return db
    .selectFrom('tickets')
    .select(['display', 'deskId', 'calledAt', 'recallCount'])
    .where('officeId', '=', officeId)
    .where('localDate', '=', localDate)
    .where('status', '=', 'called')
    .where('deskId', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('calledAt', '>', after.calledAt),
        eb.and([eb('calledAt', '=', after.calledAt), eb('display', '>', after.number)]),
      ]),
    )
    .orderBy('calledAt')
    .orderBy('display')
    .limit(limit)
    .execute()
}

/** Tickets of a day in some statuses, oldest arrival first. */
export function ticketsOfDay(db: Db, officeId: string, localDate: string, statuses: readonly TicketStatus[]) {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('officeId', '=', officeId)
    .where('localDate', '=', localDate)
    .where('status', 'in', statuses)
    .orderBy('arrivedAt')
    .limit(500)
    .execute()
}

/** What the quality figures need of each ticket of some office-local days. */
export function ticketsForStats(db: Db, officeId: string, from: string, to: string) {
  return db
    .selectFrom('tickets')
    .select(['queueId', 'localDate', 'status', 'arrivedAt', 'calledAt', 'finishedAt', 'estimatedWaitMinutes'])
    .where('officeId', '=', officeId)
    .where('localDate', '>=', from)
    .where('localDate', '<=', to)
    .execute()
}
