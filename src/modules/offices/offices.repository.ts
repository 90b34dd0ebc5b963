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

export function findOfficeByCode(db: Db, code: string): Promise<OfficeRow | undefined> {
  return db.selectFrom('offices').selectAll().where('code', '=', code).executeTakeFirst()
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

export async function updateOffice(
  db: Db,
  id: string,
  set: Partial<Omit<OfficeRow, 'id' | 'code'>>,
): Promise<void> {
  await db.updateTable('offices').set(set).where('id', '=', id).execute()
}

export function findUnitByCode(db: Db, officeId: string, code: string): Promise<UnitRow | undefined> {
  return db
    .selectFrom('units')
    .selectAll()
    .where('officeId', '=', officeId)
    .where('code', '=', code)
    .executeTakeFirst()
}

export function findUnit(db: Db, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function updateUnitName(db: Db, id: string, name: string): Promise<void> {
  await db.updateTable('units').set({ name }).where('id', '=', id).execute()
}

export function findDesk(db: Db, id: string): Promise<DeskRow | undefined> {
  return db.selectFrom('desks').selectAll().where('id', '=', id).executeTakeFirst()
}

export function desksOfOffice(db: Db, officeId: string): Promise<DeskRow[]> {
  return db.selectFrom('desks').selectAll().where('officeId', '=', officeId).orderBy('name').execute()
}

export function findDeskByName(db: Db, officeId: string, name: string): Promise<DeskRow | undefined> {
  return db
    .selectFrom('desks')
    .selectAll()
    .where('officeId', '=', officeId)
    .where('name', '=', name)
    .executeTakeFirst()
}

export function listHoursExceptions(db: Db, officeId: string) {
  return db
    .selectFrom('officeHoursExceptions')
    .select(['date', 'hours', 'reason'])
    .where('officeId', '=', officeId)
    .orderBy('date')
    .execute()
}

export async function putHoursException(
  db: Db,
  row: { id: string; officeId: string; date: string; hours: string; reason: string },
) {
  await db
    .insertInto('officeHoursExceptions')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['officeId', 'date']).doUpdateSet({ hours: row.hours, reason: row.reason }),
    )
    .execute()
}

export async function deleteHoursException(db: Db, officeId: string, date: string): Promise<number> {
  const result = await db
    .deleteFrom('officeHoursExceptions')
    .where('officeId', '=', officeId)
    .where('date', '=', date)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function officeExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('offices').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}
