import { type Db, withTables } from '../../platform/db/index.js'
import type { InformationRequestRow, InformationRequestsTables } from './information-requests.tables.js'

const t = (db: Db) => withTables<InformationRequestsTables>(db)

export async function insertRequest(db: Db, row: InformationRequestRow): Promise<void> {
  await t(db).insertInto('informationRequests').values(row).execute()
}

export function findByCode(db: Db, code: string): Promise<InformationRequestRow | undefined> {
  return t(db)
    .selectFrom('informationRequests')
    .selectAll()
    .where('trackingCode', '=', code)
    .executeTakeFirst()
}

/** Records the refusal, once: false when it was refused before. */
export async function markRefused(
  db: Db,
  id: string,
  refusal: { on: string; reason: string; documentId: string },
): Promise<boolean> {
  const result = await t(db)
    .updateTable('informationRequests')
    .set({ refusedOn: refusal.on, refusalReason: refusal.reason, refusalDocumentId: refusal.documentId })
    .where('id', '=', id)
    .where('refusedOn', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
