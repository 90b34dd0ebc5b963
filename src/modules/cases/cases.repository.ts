import type { ExpressionBuilder } from 'kysely'
import { type Db, withTables } from '../../platform/db/index.js'
import { withinReach } from '../identity/index.js'
import type { CaseRow, CasesTables, DelayNoticeRow } from './cases.tables.js'

const t = (db: Db) => withTables<CasesTables>(db)

export async function insertCase(trx: Db, row: CaseRow): Promise<void> {
  await t(trx).insertInto('cases').values(row).execute()
}

export function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return t(db).selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The case a person opened with an idempotency key. */
export function findCaseByKey(db: Db, createdBy: string, key: string): Promise<CaseRow | undefined> {
  return t(db)
    .selectFrom('cases')
    .selectAll()
    .where('createdBy', '=', createdBy)
    .where('idempotencyKey', '=', key)
    .executeTakeFirst()
}

/** Writes the case's new state if it is still at `version`; false when someone changed it first. */
export async function updateCase(
  trx: Db,
  id: string,
  version: number,
  patch: Partial<CaseRow>,
): Promise<boolean> {
  const result = await t(trx)
    .updateTable('cases')
    .set(patch)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Links letters of one register to a case; a letter already linked to it stays as it was. */
export async function linkLetters(
  trx: Db,
  caseId: string,
  direction: 'incoming' | 'outgoing',
  entryIds: readonly string[],
  at: string,
  by: string,
): Promise<number> {
  if (entryIds.length === 0) return 0
  const inserted = await t(trx)
    .insertInto('caseLetters')
    .values(entryIds.map((entryId) => ({ caseId, entryId, direction, linkedAt: at, linkedBy: by })))
    .onConflict((oc) => oc.columns(['caseId', 'entryId']).doNothing())
    .returning('entryId')
    .execute()
  return inserted.length
}

export async function lettersOf(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return []
  return t(db)
    .selectFrom('caseLetters')
    .select(['caseId', 'entryId', 'direction'])
    .where('caseId', 'in', caseIds)
    .orderBy('linkedAt')
    .orderBy('entryId')
    .execute()
}

/** The cases a letter is linked to. */
export async function casesOfLetter(db: Db, entryId: string): Promise<string[]> {
  const rows = await t(db).selectFrom('caseLetters').select('caseId').where('entryId', '=', entryId).execute()
  return rows.map((r) => r.caseId)
}

export async function grantAccess(
  trx: Db,
  row: { caseId: string; userId: string; grantedAt: string; grantedBy: string },
) {
  await t(trx)
    .insertInto('caseAccess')
    .values(row)
    .onConflict((oc) => oc.columns(['caseId', 'userId']).doNothing())
    .execute()
}

export async function revokeAccess(trx: Db, caseId: string, userId: string): Promise<number> {
  const result = await t(trx)
    .deleteFrom('caseAccess')
    .where('caseId', '=', caseId)
    .where('userId', '=', userId)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function accessOf(db: Db, caseId: string): Promise<string[]> {
  const rows = await t(db).selectFrom('caseAccess').select('userId').where('caseId', '=', caseId).execute()
  return rows.map((r) => r.userId)
}

/** Who was given access by name, for each of several cases. */
export async function accessOfMany(db: Db, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const access = new Map<string, string[]>()
  if (caseIds.length === 0) return access
  const rows = await t(db)
    .selectFrom('caseAccess')
    .select(['caseId', 'userId'])
    .where('caseId', 'in', caseIds)
    .execute()
  for (const r of rows) access.set(r.caseId, [...(access.get(r.caseId) ?? []), r.userId])
  return access
}

export interface InTrayFilter {
  officeId?: string | undefined
  /** null: every unit of the office; otherwise these units, plus the viewer's own and shared cases. */
  units: readonly string[] | null
  viewerId: string
  unitId?: string | undefined
  assigneeId?: string | undefined
  status?: string | undefined
  before?: [string, string] | undefined
  limit: number
}

/** A viewer's cases in an office: of these units, in their hands, or shared with them by name. */
const inTrayOf =
  (units: readonly string[], viewerId: string) => (eb: ExpressionBuilder<CasesTables, 'cases'>) =>
    eb.or([
      ...(units.length > 0 ? [eb('unitId', 'in', units)] : []),
      eb('assigneeId', '=', viewerId),
      eb('id', 'in', eb.selectFrom('caseAccess').select('caseId').where('userId', '=', viewerId)),
    ])

/** Cases newest first, cut to what the viewer may see. */
export function listCases(db: Db, f: InTrayFilter): Promise<CaseRow[]> {
  let q = t(db).selectFrom('cases').selectAll()
  if (f.officeId) q = q.where('officeId', '=', f.officeId)
  if (f.units) {
    const units = f.units
    q = q.where(inTrayOf(units, f.viewerId))
  }
  if (f.unitId) q = q.where('unitId', '=', f.unitId)
  if (f.assigneeId) q = q.where('assigneeId', '=', f.assigneeId)
  if (f.status) q = q.where('status', '=', f.status as CaseRow['status'])
  if (f.before) {
    const [at, id] = f.before
    q = q.where((eb) =>
      eb.or([eb('createdAt', '<', at), eb.and([eb('createdAt', '=', at), eb('id', '<', id)])]),
    )
  }
  return q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(f.limit).execute()
}

/** A unit's register of cases (spis spraw) for a class and year, in number order; sub-cases apart. */
export function caseRegister(
  db: Db,
  officeId: string,
  unitId: string,
  symbol: string,
  year: number,
): Promise<CaseRow[]> {
  return t(db)
    .selectFrom('cases')
    .selectAll()
    .where('officeId', '=', officeId)
    .where('unitId', '=', unitId)
    .where('symbol', '=', symbol)
    .where('year', '=', year)
    .where('parentId', 'is', null)
    .orderBy('seq')
    .execute()
}

/** The cases among `ids` (a batch the search port found) that a reach covers. */
export function searchCases(
  db: Db,
  /** The ids the search port found, a batch of them. */
  ids: readonly string[],
  reach: { everywhere: boolean; offices: readonly string[]; units: readonly string[]; viewerId: string },
  officeId: string | undefined,
): Promise<CaseRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  let q = t(db).selectFrom('cases').selectAll().where('id', 'in', ids)
  if (officeId) q = q.where('officeId', '=', officeId)
  if (!reach.everywhere)
    q = q.where((eb) =>
      withinReach(reach, { office: 'officeId', unit: 'unitId', assignee: 'assigneeId' }, [
        eb('id', 'in', eb.selectFrom('caseAccess').select('caseId').where('userId', '=', reach.viewerId)),
      ]),
    )
  return q.execute()
}

/** The statuses whose clock runs: not yet answered, not suspended. */
export const RUNNING: readonly CaseRow['status'][] = [
  'registered',
  'assigned',
  'in-progress',
  'awaiting-approval',
  'approved',
]

/**
 * Running cases due on or before `horizon` (overdue first), cut to what the viewer may see as the
 * in-tray cuts it.
 */
export function dueCases(
  db: Db,
  f: Pick<InTrayFilter, 'officeId' | 'units' | 'viewerId' | 'unitId' | 'assigneeId'> & {
    horizon: string
    limit: number
  },
): Promise<CaseRow[]> {
  let q = t(db)
    .selectFrom('cases')
    .selectAll()
    .where('status', 'in', RUNNING)
    .where('dueOn', 'is not', null)
    .where('dueOn', '<=', f.horizon)
  if (f.officeId) q = q.where('officeId', '=', f.officeId)
  if (f.units) {
    const units = f.units
    q = q.where(inTrayOf(units, f.viewerId))
  }
  if (f.unitId) q = q.where('unitId', '=', f.unitId)
  if (f.assigneeId) q = q.where('assigneeId', '=', f.assigneeId)
  return q.orderBy('dueOn').orderBy('sign').limit(f.limit).execute()
}

/** How many running cases fall due on each day up to `horizon`, per office (one grouped query). */
export function dueCountsByDay(
  db: Db,
  officeIds: readonly string[] | null,
  horizon: string,
): Promise<{ officeId: string; dueOn: string | null; n: number | string | bigint }[]> {
  let q = t(db)
    .selectFrom('cases')
    .select((eb) => ['officeId', 'dueOn', eb.fn.countAll<number>().as('n')])
    .where('status', 'in', RUNNING)
    .where('dueOn', 'is not', null)
    .where('dueOn', '<=', horizon)
  if (officeIds) q = q.where('officeId', 'in', officeIds.length ? officeIds : [''])
  return q.groupBy(['officeId', 'dueOn']).execute()
}

export async function insertDelayNotice(trx: Db, row: DelayNoticeRow): Promise<void> {
  await t(trx).insertInto('caseDelayNotices').values(row).execute()
}

export function delayNoticesOf(db: Db, caseId: string): Promise<DelayNoticeRow[]> {
  return t(db)
    .selectFrom('caseDelayNotices')
    .selectAll()
    .where('caseId', '=', caseId)
    .orderBy('createdAt')
    .execute()
}

export function findDelayNotice(db: Db, caseId: string, id: string): Promise<DelayNoticeRow | undefined> {
  return t(db)
    .selectFrom('caseDelayNotices')
    .selectAll()
    .where('caseId', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Marks a notice dispatched, once: false when it already was. */
export async function markNoticeDispatched(trx: Db, id: string, on: string, by: string): Promise<boolean> {
  const result = await t(trx)
    .updateTable('caseDelayNotices')
    .set({ dispatchedOn: on, dispatchedBy: by })
    .where('id', '=', id)
    .where('dispatchedOn', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
