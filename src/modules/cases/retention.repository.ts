import { type Db, withTables } from '../../platform/db/index.js'
import type { CaseRow, CasesTables, DestructionListRow } from './cases.tables.js'

const t = (db: Db) => withTables<CasesTables>(db)

/** Closed cases of an office still kept, closed before `before` (their eligibility is counted in code). */
export function closedKept(db: Db, officeId: string, before: string): Promise<CaseRow[]> {
  return t(db)
    .selectFrom('cases')
    .selectAll()
    .where('officeId', '=', officeId)
    .where('status', '=', 'closed')
    .where('disposal', 'is', null)
    .where('closedOn', '<', before)
    .where('id', 'not in', (eb) => eb.selectFrom('destructionListItems').select('caseId'))
    .orderBy('closedOn')
    .orderBy('sign')
    .execute()
}

export async function insertList(
  trx: Db,
  row: DestructionListRow,
  caseIds: readonly string[],
): Promise<void> {
  await t(trx).insertInto('destructionLists').values(row).execute()
  if (caseIds.length > 0)
    await t(trx)
      .insertInto('destructionListItems')
      .values(caseIds.map((caseId) => ({ listId: row.id, caseId })))
      .execute()
}

export function findList(db: Db, id: string): Promise<DestructionListRow | undefined> {
  return t(db).selectFrom('destructionLists').selectAll().where('id', '=', id).executeTakeFirst()
}

export function casesOfList(db: Db, listId: string): Promise<CaseRow[]> {
  return t(db)
    .selectFrom('cases')
    .selectAll()
    .where('id', 'in', (eb) =>
      eb.selectFrom('destructionListItems').select('caseId').where('listId', '=', listId),
    )
    .orderBy('closedOn')
    .orderBy('sign')
    .execute()
}

/** Moves a list on from `from` to the next status with what it records; false when it had moved already. */
export async function advanceList(
  trx: Db,
  id: string,
  from: string,
  set: Partial<DestructionListRow>,
): Promise<boolean> {
  const result = await t(trx)
    .updateTable('destructionLists')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function markDisposed(
  trx: Db,
  caseIds: readonly string[],
  disposal: { kind: string; on: string; reference: string },
): Promise<number> {
  if (caseIds.length === 0) return 0
  const result = await t(trx)
    .updateTable('cases')
    .set({ disposal: disposal.kind, disposedOn: disposal.on, disposalReference: disposal.reference })
    .where('id', 'in', caseIds)
    .where('disposal', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** The files of these cases' document versions, and whether a case still kept uses the same bytes. */
export async function filesOf(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return []
  const rows = await t(db)
    .selectFrom('caseDocumentVersions as v')
    .innerJoin('caseDocuments as d', 'd.id', 'v.documentId')
    .select(['v.sha256', 'd.caseId'])
    .where('d.caseId', 'in', caseIds)
    .execute()
  return [...new Set(rows.map((r) => r.sha256))]
}

/** Of these files, those still in a version of a case not destroyed (the store keeps one copy of equal bytes). */
export async function stillUsed(db: Db, sha256s: readonly string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set()
  const rows = await t(db)
    .selectFrom('caseDocumentVersions as v')
    .innerJoin('caseDocuments as d', 'd.id', 'v.documentId')
    .innerJoin('cases as c', 'c.id', 'd.caseId')
    .select('v.sha256')
    .distinct()
    .where('v.sha256', 'in', sha256s)
    .where((eb) => eb.or([eb('c.disposal', 'is', null), eb('c.disposal', '!=', 'destroyed')]))
    .execute()
  return new Set(rows.map((r) => r.sha256))
}
