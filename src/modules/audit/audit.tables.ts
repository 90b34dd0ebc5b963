import type { Generated, Selectable } from 'kysely'
import type { AuditActor } from '../../platform/audit-trail.js'

export interface AuditLogTable {
  /** Position in the whole log, for listing and paging (given by the database). */
  seq: Generated<number>
  /** The office's id, or `network` for what belongs to no office. */
  chain: string
  /** Position in its chain, from 1, gap-free. */
  chainSeq: number
  /** Which hash covers the entry: 1, the single chain's (before issue 17); 2, with the chain's name. */
  format: number
  at: string
  actorType: AuditActor['type']
  actorId: string | null
  actorLogin: string | null
  officeId: string | null
  action: string
  subjectType: string
  subjectId: string | null
  /** Canonical JSON of what changed. */
  summary: string
  requestId: string | null
  prevHash: string
  hash: string
}

/** Each chain's newest link: appenders lock their chain's row, which serialises that chain alone. */
export interface AuditChainHeadsTable {
  chain: string
  seq: number
  hash: string
}

export interface AuditAnchorsTable {
  /** From 1, gap-free. */
  id: number
  at: string
  root: string
  prevRoot: string
  chains: number
  heads: string
  signature: string | null
}

export interface AuditTables {
  auditLog: AuditLogTable
  auditChainHeads: AuditChainHeadsTable
  auditAnchors: AuditAnchorsTable
}

export type AuditRow = Selectable<AuditLogTable>
export type AnchorRow = Selectable<AuditAnchorsTable>
