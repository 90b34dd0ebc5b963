import type { AuditTrail } from '../../platform/audit-trail.js'
import type { Clock } from '../../platform/clock.js'
import type { Db, DialectName } from '../../platform/db/index.js'
import type { EventBus } from '../../platform/events.js'
import { deskWork } from './desk-work.js'
import { type OfficeDirectory, queueContext } from './queue.context.js'
import { queueHousekeeping } from './queue-housekeeping.js'
import { queueSetup } from './queue-setup.js'
import { queueStats } from './queue-stats.js'
import { ticketIssue } from './ticket-issue.js'

export type QueueService = ReturnType<typeof createQueueService>

/** The electronic queue: setting it up, issuing tickets, calling and serving them, the board. */
export function createQueueService(
  database: Db,
  dialect: DialectName,
  clock: Clock,
  bus: EventBus,
  audit: AuditTrail,
  offices: OfficeDirectory,
) {
  const ctx = queueContext(database, dialect, clock, bus, audit, offices)
  return {
    ...queueSetup(ctx),
    ...ticketIssue(ctx),
    ...deskWork(ctx),
    ...queueStats(ctx),
    ...queueHousekeeping(ctx),
  }
}
