import { type Actor, auditRecordBy, isAllowedNetworkWide, type Role } from '../../modules/identity/index.js'
import type { AuditTrail } from '../../platform/audit-trail.js'
import { conflict, forbidden, notFound } from '../../platform/errors.js'
import type { JobRow, JobStatus, JobStore } from '../../platform/jobs/index.js'

/** Background work is the whole network's: only a network-wide admin sees it and tries it again. */
const JOB_ADMINS: readonly Role[] = ['admin']

export interface JobView {
  id: string
  kind: string
  status: JobStatus
  payload: unknown
  runAt: string
  attempts: number
  maxAttempts: number
  lastError: string | null
  result: unknown
  createdAt: string
  updatedAt: string
}

const toView = (row: JobRow): JobView => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  payload: JSON.parse(row.payload),
  runAt: row.runAt,
  attempts: row.attempts,
  maxAttempts: row.maxAttempts,
  lastError: row.lastError,
  result: row.result === null ? null : JSON.parse(row.result),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
})

export type JobsAdmin = ReturnType<typeof jobsAdmin>

/** What admins do with background jobs: see them by state, and try a failed one again. */
export function jobsAdmin(store: JobStore, audit: AuditTrail) {
  const check = (actor: Actor) => {
    if (!isAllowedNetworkWide(actor, JOB_ADMINS)) throw forbidden()
  }
  return {
    async list(actor: Actor, query: { status?: JobStatus; limit?: number; before?: string }) {
      check(actor)
      const limit = query.limit ?? 50
      const [counts, rows] = await Promise.all([
        store.counts(),
        store.list(query.status ?? 'failed', limit + 1, query.before),
      ])
      const items = rows.slice(0, limit).map(toView)
      return { counts, items, nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null }
    },

    async retry(actor: Actor, id: string): Promise<JobView> {
      check(actor)
      return store.db.transaction().execute(async (trx) => {
        const job = await store.find(id, trx)
        if (!job) throw notFound('Job')
        const retried = await store.retry(id, trx)
        if (!retried)
          throw conflict(
            'JOB_NOT_FAILED',
            'Only a failed job can be tried again',
            `The job is ${job.status}.`,
          )
        await audit.record(
          trx,
          auditRecordBy(actor, {
            action: 'job.retry',
            officeId: null,
            subjectType: 'job',
            subjectId: id,
            summary: { kind: job.kind, attempts: job.attempts, lastError: job.lastError },
          }),
        )
        return toView(retried)
      })
    },
  }
}
