import type { Insertable, Kysely } from 'kysely'
import { onPostgres } from '../../platform/db/index.js'
import { prepared, valuesOf } from '../../platform/db/prepared.js'
import { type AnchorLeaf, type ChainHead, GENESIS_HASH } from './audit.chain.js'
import type { AnchorRow, AuditAnchorsTable, AuditLogTable, AuditRow, AuditTables } from './audit.tables.js'

type Db = Kysely<AuditTables>

/**
 * Takes the chain's next `count` positions and its previous hash, starting the chain at its first
 * entry. The upsert locks the chain's head row until the transaction ends (PostgreSQL), or runs inside
 * SQLite's single writer: appends to one chain are serialised, and different chains never wait on each
 * other.
 */
const advance = prepared((db: Db, v: { chain: string; count: number }) =>
  db
    .insertInto('auditChainHeads')
    .values({ chain: v.chain, seq: v.count, hash: GENESIS_HASH })
    .onConflict((oc) =>
      oc.column('chain').doUpdateSet((eb) => ({ seq: eb('auditChainHeads.seq', '+', eb.val(v.count)) })),
    )
    .returning(['seq', 'hash']),
)

/** The first of the positions taken, and the hash before it. */
export async function advanceHead(
  db: Db,
  chain: string,
  count: number,
): Promise<{ first: number; prevHash: string }> {
  const row = (await advance(db, { chain, count })).rows[0]!
  return { first: Number(row.seq) - count + 1, prevHash: row.hash }
}

const AUDIT_COLUMNS = [
  'chain',
  'chainSeq',
  'format',
  'at',
  'actorType',
  'actorId',
  'actorLogin',
  'officeId',
  'action',
  'subjectType',
  'subjectId',
  'summary',
  'requestId',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof AuditLogTable)[]

type NewEntry = Required<Omit<Insertable<AuditLogTable>, 'seq'>>

const insertEntry = prepared((db: Db, v: NewEntry) =>
  db.insertInto('auditLog').values(valuesOf(v, AUDIT_COLUMNS)),
)
const setHeadHash = prepared((db: Db, v: { chain: string; hash: string }) =>
  db.updateTable('auditChainHeads').set({ hash: v.hash }).where('chain', '=', v.chain),
)
/** PostgreSQL: the entry and the head's new hash in one statement (one round trip, not two). */
const insertEntryMovingHead = prepared((db: Db, v: NewEntry) =>
  db
    .with('head', (db) =>
      db.updateTable('auditChainHeads').set({ hash: v.hash }).where('chain', '=', v.chain),
    )
    .insertInto('auditLog')
    .values(valuesOf(v, AUDIT_COLUMNS)),
)

/** A chain's new entries, in order, and its head's hash moved to the last. */
export async function appendEntries(db: Db, chain: string, rows: NewEntry[]): Promise<void> {
  const hash = rows[rows.length - 1]!.hash
  if (onPostgres(db)) {
    // One round trip: the entries and the head's new hash in one statement.
    if (rows.length === 1) await insertEntryMovingHead(db, rows[0]!)
    else
      await db
        .with('head', (db) => db.updateTable('auditChainHeads').set({ hash }).where('chain', '=', chain))
        .insertInto('auditLog')
        .values(rows.map((r) => valuesOf(r, AUDIT_COLUMNS)))
        .execute()
    return
  }
  if (rows.length === 1) await insertEntry(db, rows[0]!)
  else
    await db
      .insertInto('auditLog')
      .values(rows.map((r) => valuesOf(r, AUDIT_COLUMNS)))
      .execute()
  await setHeadHash(db, { chain, hash })
}

/** Every chain's head, by chain. */
export async function readHeads(db: Db, chains?: readonly string[]): Promise<Map<string, ChainHead>> {
  let q = db.selectFrom('auditChainHeads').select(['chain', 'seq', 'hash']).orderBy('chain')
  if (chains) q = chains.length ? q.where('chain', 'in', chains) : q.where('seq', '<', 0)
  const rows = await q.execute()
  return new Map(rows.map((r) => [r.chain, { seq: Number(r.seq), hash: r.hash }]))
}

/** The chains' entries in chain order (by chain, then position), batch by batch. */
export async function* entriesByChain(
  db: Db,
  chains: readonly string[] | null,
  batchSize = 2000,
): AsyncGenerator<AuditRow[]> {
  let after: [string, number] = ['', 0]
  for (;;) {
    let q = db
      .selectFrom('auditLog')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('chain', '>', after[0]),
          eb.and([eb('chain', '=', after[0]), eb('chainSeq', '>', after[1])]),
        ]),
      )
      .orderBy('chain')
      .orderBy('chainSeq')
      .limit(batchSize)
    if (chains) q = chains.length ? q.where('chain', 'in', chains) : q.where('seq', '<', 0)
    const rows = await q.execute()
    if (rows.length === 0) return
    yield rows.map((r) => ({ ...r, seq: Number(r.seq), chainSeq: Number(r.chainSeq) }))
    const last = rows[rows.length - 1]!
    after = [last.chain, Number(last.chainSeq)]
  }
}

/** Numbered by the caller (the latest's number + 1): two anchors made at once cannot both follow one. */
export async function insertAnchor(db: Db, anchor: Insertable<AuditAnchorsTable>): Promise<void> {
  await db.insertInto('auditAnchors').values(anchor).execute()
}

export function latestAnchor(db: Db): Promise<AnchorRow | undefined> {
  return db.selectFrom('auditAnchors').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst()
}

export async function* anchorsInOrder(db: Db, batchSize = 200): AsyncGenerator<AnchorRow> {
  let after = 0
  for (;;) {
    const rows = await db
      .selectFrom('auditAnchors')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize)
      .execute()
    if (rows.length === 0) return
    for (const row of rows) yield { ...row, id: Number(row.id) }
    after = Number(rows[rows.length - 1]!.id)
  }
}

export const leavesOf = (anchor: Pick<AnchorRow, 'heads'>) => JSON.parse(anchor.heads) as AnchorLeaf[]

export interface AuditFilter {
  officeIds: readonly string[] | null
  officeId?: string | undefined
  actorId?: string | undefined
  actorLogin?: string | undefined
  /** One action, or `subject.*` for every action on a subject. */
  action?: string | undefined
  subjectType?: string | undefined
  subjectId?: string | undefined
  from?: string | undefined
  to?: string | undefined
  beforeSeq?: number | undefined
  limit: number
}

/** Newest first. */
export function listEntries(db: Db, f: AuditFilter): Promise<AuditRow[]> {
  let q = db.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(f.limit)
  if (f.officeIds) q = f.officeIds.length ? q.where('officeId', 'in', f.officeIds) : q.where('seq', '<', 0)
  if (f.officeId) q = q.where('officeId', '=', f.officeId)
  if (f.actorId) q = q.where('actorId', '=', f.actorId)
  if (f.actorLogin) q = q.where('actorLogin', '=', f.actorLogin)
  if (f.action?.endsWith('.*')) q = q.where('action', 'like', `${f.action.slice(0, -1)}%`)
  else if (f.action) q = q.where('action', '=', f.action)
  if (f.subjectType) q = q.where('subjectType', '=', f.subjectType)
  if (f.subjectId) q = q.where('subjectId', '=', f.subjectId)
  if (f.from) q = q.where('at', '>=', f.from)
  if (f.to) q = q.where('at', '<', f.to)
  if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq)
  return q.execute()
}
