import { type Db, withTables } from '../../platform/db/index.js'
import type { TrustAnchorRow, TrustTables } from './trust.tables.js'

const t = (db: Db) => withTables<TrustTables>(db)

/** Adds the anchors not there yet (by their SHA-256); the ones that were new. */
export async function insertNew(db: Db, rows: readonly TrustAnchorRow[]): Promise<TrustAnchorRow[]> {
  if (rows.length === 0) return []
  const added = await t(db)
    .insertInto('trustAnchors')
    .values([...rows])
    .onConflict((oc) => oc.column('sha256').doNothing())
    .returning('id')
    .execute()
  const ids = new Set(added.map((r) => r.id))
  return rows.filter((r) => ids.has(r.id))
}

export function listAnchors(db: Db): Promise<TrustAnchorRow[]> {
  return t(db).selectFrom('trustAnchors').selectAll().orderBy('subject').orderBy('id').execute()
}

export function findAnchor(db: Db, id: string): Promise<TrustAnchorRow | undefined> {
  return t(db).selectFrom('trustAnchors').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function deleteAnchor(db: Db, id: string): Promise<boolean> {
  const result = await t(db).deleteFrom('trustAnchors').where('id', '=', id).executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}
