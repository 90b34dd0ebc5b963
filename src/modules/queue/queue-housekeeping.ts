import type { QueueContext } from './queue.context.js'
import * as repo from './queue.repository.js'

/** Work no one asks for at a desk: done by the platform's scheduled jobs. */
export function queueHousekeeping(ctx: QueueContext) {
  return {
    /**
     * Tickets still open from an office's earlier days become expired, so that figures and exports
     * read true without waiting for the next call at a desk (which expires them too). Safe to repeat.
     */
    async expirePastDays(officeId: string): Promise<{ expired: number }> {
      const today = await ctx.today(officeId)
      const expired = await ctx.db.transaction().execute((trx) => repo.expireBefore(trx, officeId, today))
      return { expired }
    },
  }
}
