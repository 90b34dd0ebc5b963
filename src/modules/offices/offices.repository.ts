import type { Kysely } from 'kysely'
import type { DeskRow, NewOfficeRow, OfficeRow, OfficesTables, UnitRow } from './offices.tables.js'

type Db = Kysely<OfficesTables>

export function listOfficeRows(
  db: Db,
  filter: { ids?: readonly string[] | undefined },
): Promise<OfficeRow[]> {
  let query = db.selectFrom('offices').selectAll().orderBy('code')
  if (filter.ids) {
    if (filter.ids.length === 0) return Promise.resolve([])
    query = query.where('id', 'in', filter.ids)
  }
  return query.execute()
}

export function findOfficeRow(db: Db, id: string): Promise<OfficeRow | undefined> {
  return db.selectFrom('offices').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertOffice(db: Db, row: NewOfficeRow): Promise<void> {
  await db.insertInto('offices').values(row).execute()
}

export async function countOffices(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('offices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(n)
}

export async function insertUnit(db: Db, row: UnitRow): Promise<void> {
  await db.insertInto('units').values(row).execute()
}

export async function insertDesk(db: Db, row: DeskRow): Promise<void> {
  await db.insertInto('desks').values(row).execute()
}

export function listUnitRows(db: Db, officeId: string): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().where('officeId', '=', officeId).orderBy('code').execute()
}

export function listDeskRows(db: Db, officeId: string): Promise<DeskRow[]> {
  return db.selectFrom('desks').selectAll().where('officeId', '=', officeId).orderBy('name').execute()
}
