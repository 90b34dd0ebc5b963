import type { Selectable } from 'kysely'
import type { AuditActor } from '../../platform/audit-trail.js'

export interface AuditLogTable {
  seq: number
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

export interface AuditHeadTable {
  id: number
  seq: number
  hash: string
}

export interface AuditTables {
  auditLog: AuditLogTable
  auditHead: AuditHeadTable
}

export type AuditRow = Selectable<AuditLogTable>
