import { type Db, withTables } from '../../platform/db/index.js'
import { withinReach } from '../identity/index.js'
import type { Direction } from './registry.schemas.js'
import type { EntryRow, FileRow, RegisterEntryVersionsTable, RegistryTables } from './registry.tables.js'

const t = (db: Db) => withTables<RegistryTables>(db)

export async function insertEntry(trx: Db, row: EntryRow): Promise<void> {
  await t(trx).insertInto('registerEntries').values(row).execute()
}

export function findEntry(db: Db, id: string): Promise<EntryRow | undefined> {
  return t(db).selectFrom('registerEntries').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findEntryByKey(
  db: Db,
  officeId: string,
  direction: Direction,
  key: string,
): Promise<EntryRow | undefined> {
  return t(db)
    .selectFrom('registerEntries')
    .selectAll()
    .where('officeId', '=', officeId)
    .where('direction', '=', direction)
    .where('idempotencyKey', '=', key)
    .executeTakeFirst()
}

/** Writes the entry's new state if it is still at `version`; false when someone changed it first. */
export async function updateEntry(
  trx: Db,
  id: string,
  version: number,
  patch: Partial<Omit<EntryRow, 'id' | 'officeId' | 'direction' | 'year' | 'seq' | 'number'>>,
): Promise<boolean> {
  const result = await t(trx)
    .updateTable('registerEntries')
    .set(patch)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function insertVersion(trx: Db, row: RegisterEntryVersionsTable): Promise<void> {
  await t(trx).insertInto('registerEntryVersions').values(row).execute()
}

export function versionsOf(db: Db, entryId: string) {
  return t(db)
    .selectFrom('registerEntryVersions')
    .selectAll()
    .where('entryId', '=', entryId)
    .orderBy('version')
    .execute()
}

export async function insertFile(trx: Db, row: FileRow): Promise<void> {
  await t(trx).insertInto('registerFiles').values(row).execute()
}

export function filesOf(db: Db, entryIds: readonly string[]): Promise<FileRow[]> {
  if (entryIds.length === 0) return Promise.resolve([])
  return t(db)
    .selectFrom('registerFiles')
    .selectAll()
    .where('entryId', 'in', entryIds)
    .orderBy('uploadedAt')
    .orderBy('id')
    .execute()
}

export function fileById(db: Db, fileId: string): Promise<FileRow | undefined> {
  return t(db).selectFrom('registerFiles').selectAll().where('id', '=', fileId).executeTakeFirst()
}

export async function recordFileSignatures(db: Db, fileId: string, json: string): Promise<void> {
  await t(db).updateTable('registerFiles').set({ signatures: json }).where('id', '=', fileId).execute()
}

export function findFile(db: Db, entryId: string, fileId: string): Promise<FileRow | undefined> {
  return t(db)
    .selectFrom('registerFiles')
    .selectAll()
    .where('entryId', '=', entryId)
    .where('id', '=', fileId)
    .executeTakeFirst()
}

export interface EntryFilter {
  officeId: string
  direction: Direction
  year: number
  /** null: every unit; otherwise entries of these units or assigned to `viewerId`. */
  units: readonly string[] | null
  viewerId: string
  status?: string | undefined
  unitId?: string | undefined
  assigneeId?: string | undefined
  /** Registered within [from, to) (instants). */
  registered?: { from: string; to: string } | undefined
  /** Only the entry at this place (a search for its number). */
  seq?: number | undefined
  /** Only entries before this place in the register (the cursor). */
  beforeSeq?: number | undefined
  limit: number
}

/** A year's register, newest first, cut to what the viewer may see. */
export function listEntries(
  db: Db,
  filter: EntryFilter,
  found?: (q: ReturnType<typeof baseQuery>) => ReturnType<typeof baseQuery>,
): Promise<EntryRow[]> {
  let q = baseQuery(db, filter)
  if (found) q = found(q)
  return q.orderBy('seq', 'desc').limit(filter.limit).execute()
}

function baseQuery(db: Db, f: EntryFilter) {
  let q = t(db)
    .selectFrom('registerEntries')
    .selectAll()
    .where('officeId', '=', f.officeId)
    .where('direction', '=', f.direction)
    .where('year', '=', f.year)
  if (f.units) {
    const units = f.units
    q = q.where((eb) =>
      eb.or([...(units.length > 0 ? [eb('unitId', 'in', units)] : []), eb('assigneeId', '=', f.viewerId)]),
    )
  }
  if (f.status) q = q.where('status', '=', f.status)
  if (f.unitId) q = q.where('unitId', '=', f.unitId)
  if (f.assigneeId) q = q.where('assigneeId', '=', f.assigneeId)
  if (f.registered)
    q = q.where('registeredAt', '>=', f.registered.from).where('registeredAt', '<', f.registered.to)
  if (f.seq !== undefined) q = q.where('seq', '=', f.seq)
  if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq)
  return q
}

/** A register as printed: every entry (voided ones too) registered within [from, to), in order. */
export function entriesRegisteredBetween(
  db: Db,
  officeId: string,
  direction: Direction,
  from: string,
  to: string,
): Promise<EntryRow[]> {
  return t(db)
    .selectFrom('registerEntries')
    .selectAll()
    .where('officeId', '=', officeId)
    .where('direction', '=', direction)
    .where('registeredAt', '>=', from)
    .where('registeredAt', '<', to)
    .orderBy('year')
    .orderBy('seq')
    .execute()
}

/** The parties of an office's latest entries, newest first. */
export async function recentParties(
  db: Db,
  officeId: string,
  direction: Direction,
  limit: number,
): Promise<string[]> {
  const rows = await t(db)
    .selectFrom('registerEntries')
    .select('party')
    .where('officeId', '=', officeId)
    .where('direction', '=', direction)
    .orderBy('registeredAt', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => r.party)
}

/**
 * The entries among `ids` (a batch the search port found) that a reach
 * covers: everywhere, whole offices (`offices`), units (`units`), or assigned to the viewer.
 */
export function searchEntries(
  db: Db,
  direction: Direction,
  /** The ids the search port found, a batch of them. */
  ids: readonly string[],
  reach: { everywhere: boolean; offices: readonly string[]; units: readonly string[]; viewerId: string },
  officeId: string | undefined,
): Promise<EntryRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  let q = t(db)
    .selectFrom('registerEntries')
    .selectAll()
    .where('direction', '=', direction)
    .where('id', 'in', ids)
  if (officeId) q = q.where('officeId', '=', officeId)
  if (!reach.everywhere)
    q = q.where(withinReach(reach, { office: 'officeId', unit: 'unitId', assignee: 'assigneeId' }))
  return q.execute()
}

/** Of these files (by SHA-256), those the registers hold: a scan or receipt of a letter. */
export async function filesHeld(db: Db, sha256s: readonly string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set()
  const rows = await t(db)
    .selectFrom('registerFiles')
    .select('sha256')
    .distinct()
    .where('sha256', 'in', sha256s)
    .execute()
  return new Set(rows.map((r) => r.sha256))
}
