import type { ExpressionBuilder, Kysely } from 'kysely'
import type { FoundIds } from '../../platform/search/search-index.js'
import type { ServiceStatus } from './catalogue.schemas.js'
import type { CatalogueTables, ServiceRow, ServiceVersionRow } from './catalogue.tables.js'

type Db = Kysely<CatalogueTables>

export function findService(db: Db, id: string): Promise<ServiceRow | undefined> {
  return db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findServiceByCode(db: Db, code: string): Promise<ServiceRow | undefined> {
  return db.selectFrom('services').selectAll().where('code', '=', code).executeTakeFirst()
}

export async function insertService(db: Db, row: ServiceRow): Promise<void> {
  await db.insertInto('services').values(row).execute()
}

export async function updateService(
  db: Db,
  id: string,
  set: Partial<Omit<ServiceRow, 'id' | 'code'>>,
): Promise<void> {
  await db.updateTable('services').set(set).where('id', '=', id).execute()
}

export async function insertVersion(db: Db, row: ServiceVersionRow): Promise<void> {
  await db.insertInto('serviceVersions').values(row).execute()
}

export function findVersion(
  db: Db,
  serviceId: string,
  version: number,
): Promise<ServiceVersionRow | undefined> {
  return db
    .selectFrom('serviceVersions')
    .selectAll()
    .where('serviceId', '=', serviceId)
    .where('version', '=', version)
    .executeTakeFirst()
}

export function listVersions(db: Db, serviceId: string): Promise<ServiceVersionRow[]> {
  return db
    .selectFrom('serviceVersions')
    .selectAll()
    .where('serviceId', '=', serviceId)
    .orderBy('version')
    .execute()
}

export async function replaceFilters(
  db: Db,
  serviceId: string,
  officeIds: string[],
  categories: string[],
): Promise<void> {
  await db.deleteFrom('serviceOffices').where('serviceId', '=', serviceId).execute()
  await db.deleteFrom('serviceCategories').where('serviceId', '=', serviceId).execute()
  const offices = [...new Set(officeIds)]
  const cats = [...new Set(categories)]
  if (offices.length)
    await db
      .insertInto('serviceOffices')
      .values(offices.map((officeId) => ({ serviceId, officeId })))
      .execute()
  if (cats.length)
    await db
      .insertInto('serviceCategories')
      .values(cats.map((category) => ({ serviceId, category })))
      .execute()
}

export interface ListFilter {
  publishedOnly: boolean
  status?: ServiceStatus | undefined
  /** The folded words searched for; they rank name matches first. */
  terms: string[]
  /** The ids the search index found for `terms` (platform `SearchIndex.matching`). */
  found?: FoundIds | undefined
  officeId?: string | undefined
  category?: string | undefined
  /** Keyset: rank and code of the last item of the previous page. */
  after?: { rank: number; code: string } | undefined
  limit: number
}

/**
 * Cards whose folded text contains every term, name matches first (rank 0: every term in the name,
 * 1: otherwise), then by code. With no terms, all cards by code.
 */
export function listServices(db: Db, f: ListFilter) {
  let q = db.selectFrom('services').selectAll()
  if (f.publishedOnly) q = q.where('status', '=', 'published')
  else if (f.status) q = q.where('status', '=', f.status)
  // Found through the search index (published cards by their text, others by code).
  if (f.found) q = q.where('id', 'in', f.found)
  if (f.officeId)
    q = q.where(
      'id',
      'in',
      db.selectFrom('serviceOffices').select('serviceId').where('officeId', '=', f.officeId),
    )
  if (f.category)
    q = q.where(
      'id',
      'in',
      db.selectFrom('serviceCategories').select('serviceId').where('category', '=', f.category),
    )
  const rank = (eb: ExpressionBuilder<CatalogueTables, 'services'>) =>
    f.terms.length === 0
      ? eb.val(1)
      : eb
          .case()
          .when(eb.and(f.terms.map((t) => eb('searchName', 'like', `%${t.replace(/[%_\\]/g, '')}%`))))
          .then(0)
          .else(1)
          .end()
  // The card shown comes in the same query (the published version, or the latest for staff lists).
  let ranked = db
    .selectFrom(q.select((eb) => rank(eb).as('rank')).as('s'))
    .innerJoin('serviceVersions as v', (join) =>
      join
        .onRef('v.serviceId', '=', 's.id')
        .on((eb) =>
          eb('v.version', '=', f.publishedOnly ? eb.ref('s.publishedVersion') : eb.ref('s.latestVersion')),
        ),
    )
    .selectAll('s')
    .select('v.card')
  if (f.after) {
    const { rank: r, code } = f.after
    ranked = ranked.where((eb) =>
      eb.or([eb('s.rank', '>', r), eb.and([eb('s.rank', '=', r), eb('s.code', '>', code)])]),
    )
  }
  return ranked.orderBy('s.rank').orderBy('s.code').limit(f.limit).execute()
}
