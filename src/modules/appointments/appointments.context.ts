import type { AuditTrail } from '../../platform/audit-trail.js'
import type { Db } from '../../platform/db/index.js'
import { notFound } from '../../platform/errors.js'
import { type Actor, auditRecordBy } from '../identity/index.js'

/** What the module's services share: an office's time zone (404 for no such office) and the audit. */
export function appointmentsContext(
  audit: AuditTrail,
  timezoneOf: (officeId: string) => Promise<string | null>,
) {
  return {
    async zone(officeId: string): Promise<string> {
      const z = await timezoneOf(officeId)
      if (!z) throw notFound('Office')
      return z
    },

    /** Records a change of a booking (`appointment`) or of the booking set-up (`slots`). */
    record(
      trx: Db,
      actor: Actor | null,
      subjectType: 'appointment' | 'slots',
      entry: { action: string; officeId: string; id: string | null; summary: object },
    ) {
      return audit.record(
        trx,
        auditRecordBy(actor, {
          action: entry.action,
          officeId: entry.officeId,
          subjectType,
          subjectId: entry.id,
          summary: entry.summary as Record<string, unknown>,
        }),
      )
    },
  }
}
