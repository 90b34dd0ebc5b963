import type { Selectable } from 'kysely'
import { SignaturesFound } from '../../platform/http/schemas.js'
import { jsonColumn } from '../../platform/json-column.js'
import { Correspondent, EntryState } from './registry.schemas.js'

/**
 * One entry of an office's incoming or outgoing register (migration 016). Fields of the other
 * direction stay null: `channel` and `receivedAt` are the incoming register's, `method`,
 * `trackingNumber`, `dispatchedAt`, `deliveredOn` and `deliveryFileId` the outgoing one's.
 */
export interface RegisterEntriesTable {
  id: string
  officeId: string
  direction: 'incoming' | 'outgoing'
  /** The register's year: the office-local year of receipt (incoming) or registration (outgoing). */
  year: number
  /** The entry's place in that year's register: 1, 2, 3… gap-free. */
  seq: number
  /** As printed: `RPW/12/2026`, `12/2026` (the network's template). */
  number: string
  status: string
  title: string
  /** The sender (incoming) or recipient (outgoing), JSON; unknown parts are null, never invented. */
  party: string
  letterDate: string | null
  /** The sender's reference (incoming) or ours, e.g. the case sign (outgoing). */
  reference: string | null
  attachments: number
  notes: string | null
  channel: string | null
  receivedAt: string | null
  method: string | null
  trackingNumber: string | null
  dispatchedAt: string | null
  deliveredOn: string | null
  deliveryFileId: string | null
  unitId: string | null
  assigneeId: string | null
  voidReason: string | null
  idempotencyKey: string | null
  version: number
  registeredAt: string
  /** The login of who registered it. */
  registeredBy: string
  updatedAt: string
}

/** Every state an entry has had: version 1 as registered, then one per change, with who and when. */
export interface RegisterEntryVersionsTable {
  entryId: string
  version: number
  /** What changed it: `register`, `edit`, `assign`, `void`, `file`, `dispatch`, `deliver`. */
  action: string
  /** The entry's fields after the change, JSON (`EntryState`). */
  state: string
  changedAt: string
  changedBy: string
}

/** A file of an entry (a scan, an attachment, a return receipt), kept in the blob store. */
export interface RegisterFilesTable {
  id: string
  entryId: string
  sha256: string
  /** The name it was uploaded with, for downloads only (never used as a path). */
  name: string
  /** The type told by its first bytes. */
  type: string
  size: number
  uploadedAt: string
  uploadedBy: string
  /** Its signatures as validated after it was stored (JSON); null until then or when it cannot carry any. */
  signatures: string | null
}

export interface RegistryTables {
  registerEntries: RegisterEntriesTable
  registerEntryVersions: RegisterEntryVersionsTable
  registerFiles: RegisterFilesTable
}

export type EntryRow = Selectable<RegisterEntriesTable>
export type FileRow = Selectable<RegisterFilesTable>

/** The registry's JSON columns, read with their schemas. */
export const stored = {
  party: jsonColumn('register party', Correspondent),
  state: jsonColumn('register entry state', EntryState),
  signatures: jsonColumn('register file signatures', SignaturesFound),
}
