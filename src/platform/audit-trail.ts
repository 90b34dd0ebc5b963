import type { Db } from './db/database.js'

/** Who did it, as the audit log records it. */
export interface AuditActor {
  type: 'user' | 'device' | 'system' | 'anonymous' | 'resident'
  id: string | null
  login: string | null
}

/** One thing that happened, to be appended to the tamper-evident audit log. */
export interface AuditRecord {
  actor: AuditActor
  /** `office.create`, `user.disable`, `access.denied`, … */
  action: string
  officeId: string | null
  subjectType: string
  subjectId: string | null
  /** What changed: field → new value (or `{ from, to }`); never a password or token. */
  summary: Record<string, unknown>
  requestId: string | null
}

/**
 * The audit log as modules see it: a port in the shared kernel, implemented by the audit module.
 * Modules record inside the transaction of the change, so the change and its record commit together.
 */
export interface AuditTrail {
  record(trx: Db, entry: AuditRecord): Promise<void>
  /**
   * What was done to one record, oldest first: its action log, read from the same append-only,
   * hash-chained entries (a ticket's issue, calls, transfers; a case's steps next). The module that
   * owns the record decides who may read it.
   */
  history(subjectType: string, subjectId: string): Promise<RecordAction[]>
}

/** One step in a record's history. */
export interface RecordAction {
  seq: number
  at: string
  action: string
  actor: AuditActor
  summary: Record<string, unknown>
}
