import type { Kysely } from 'kysely'
import { prepared, valuesOf } from '../../platform/db/prepared.js'
import type { AuditRow, AuditTables } from './audit.tables.js'

type Db = Kysely<AuditTables>

/**
 * Takes the next sequence number and the previous hash. The UPDATE locks the head row until the
 * transaction ends (PostgreSQL) or runs inside SQLite's single writer, so appends are serialised.
 */
const advance = prepared((db: Db) =>
  db
    .updateTable('auditHead')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash']),
)

export async function advanceHead(db: Db): Promise<{ seq: number; prevHash: string }> {
  const row = (await advance(db, {})).rows[0]!
  return { seq: Number(row.seq), prevHash: row.hash }
}

const AUDIT_COLUMNS = [
  'seq',
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
] as const satisfies readonly (keyof AuditRow)[]

const insertEntry = prepared((db: Db, v: AuditRow) =>
  db.insertInto('auditLog').values(valuesOf(v, AUDIT_COLUMNS)),
)
const setHeadHash = prepared((db: Db, v: { hash: string }) =>
  db.updateTable('auditHead').set({ hash: v.hash }).where('id', '=', 1),
)

export async function appendEntry(db: Db, row: AuditRow): Promise<void> {
  await insertEntry(db, row)
  await setHeadHash(db, row)
}

export async function readHead(db: Db): Promise<{ seq: number; hash: string }> {
  const row = await db
    .selectFrom('auditHead')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return { seq: Number(row.seq), hash: row.hash }
}

export async function* entriesInOrder(db: Db, batchSize = 1000): AsyncGenerator<AuditRow[]> {
  let after = 0
  for (;;) {
    const rows = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(batchSize)
      .execute()
    if (rows.length === 0) return
    yield rows.map((r) => ({ ...r, seq: Number(r.seq) }))
    after = Number(rows[rows.length - 1]!.seq)
  }
}

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
