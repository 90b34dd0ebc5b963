import type { Db } from './db/database.js'

/** Who did it, as the audit log records it. */
export interface AuditActor {
  type: 'user' | 'device' | 'system' | 'anonymous'
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
}
