import { type Db, withTables } from '../../platform/db/index.js'
import type { ClassificationRow, ClassificationTables, ClassRow } from './classification.tables.js'

const t = (db: Db) => withTables<ClassificationTables>(db)

export async function insertClassification(
  trx: Db,
  row: ClassificationRow,
  classes: ClassRow[],
): Promise<void> {
  await t(trx).insertInto('classifications').values(row).execute()
  // In slices: a statement has a bounded number of parameters on both databases.
  for (let i = 0; i < classes.length; i += 500)
    await t(trx)
      .insertInto('classificationClasses')
      .values(classes.slice(i, i + 500))
      .execute()
}

export function findClassification(db: Db, id: string): Promise<ClassificationRow | undefined> {
  return t(db).selectFrom('classifications').selectAll().where('id', '=', id).executeTakeFirst()
}

export function classificationsOf(db: Db, officeId: string): Promise<ClassificationRow[]> {
  return t(db)
    .selectFrom('classifications')
    .selectAll()
    .where('officeId', '=', officeId)
    .orderBy('adoptedOn', 'desc')
    .execute()
}

/** The version in force on a date: the latest adopted on or before it. */
export function classificationInForce(
  db: Db,
  officeId: string,
  date: string,
): Promise<ClassificationRow | undefined> {
  return t(db)
    .selectFrom('classifications')
    .selectAll()
    .where('officeId', '=', officeId)
    .where('adoptedOn', '<=', date)
    .orderBy('adoptedOn', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export function classesOf(db: Db, classificationId: string, parent?: string | null): Promise<ClassRow[]> {
  let q = t(db)
    .selectFrom('classificationClasses')
    .selectAll()
    .where('classificationId', '=', classificationId)
  if (parent !== undefined)
    q = parent === null ? q.where('parent', 'is', null) : q.where('parent', '=', parent)
  return q.orderBy('symbol').execute()
}

export function findClass(db: Db, classificationId: string, symbol: string): Promise<ClassRow | undefined> {
  return t(db)
    .selectFrom('classificationClasses')
    .selectAll()
    .where('classificationId', '=', classificationId)
    .where('symbol', '=', symbol)
    .executeTakeFirst()
}
