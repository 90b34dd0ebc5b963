import type { Clock } from '../../platform/clock.js'
import type { Db } from '../../platform/db/index.js'
import { notFound } from '../../platform/errors.js'
import { decodeCursor, page } from '../../platform/http/cursor.js'
import { newId } from '../../platform/ids.js'
import type { Mailer } from '../../platform/mail.js'
import type { Actor } from '../identity/index.js'
import * as repo from './notifications.repository.js'
import type { NotificationsQuery } from './notifications.schemas.js'
import type { NotificationRow } from './notifications.tables.js'

export type NotificationsService = ReturnType<typeof createNotificationsService>

/** A notification to add: to whom, about what, and the key that makes it once. */
export interface NewNotification {
  userId: string
  officeId: string | null
  kind: string
  subject: string
  body: string
  link: string | null
  dedupeKey: string
}

/** Who a notification's e-mail goes to: their address, if they gave one, by user id. */
export type Contacts = (userIds: readonly string[]) => Promise<Map<string, { email: string | null }>>

const dto = (r: NotificationRow) => ({
  id: r.id,
  kind: r.kind,
  subject: r.subject,
  body: r.body,
  link: r.link,
  officeId: r.officeId,
  createdAt: r.createdAt,
  readAt: r.readAt,
  email: r.emailStatus,
})

/**
 * Staff notifications: added once per person and occasion (a second run adds nothing), read and
 * marked read in the staff list, and sent by e-mail through the mailer, each message once however
 * many instances deliver at the same time.
 */
export function createNotificationsService(db: Db, clock: Clock, mailer: Mailer, contacts: Contacts) {
  return {
    /** Adds those not there yet; the ones that were new. */
    async add(items: readonly NewNotification[]): Promise<NotificationRow[]> {
      const at = clock.now().toISOString()
      const people = await contacts([...new Set(items.map((i) => i.userId))])
      return repo.insertNew(
        db,
        items.map((i) => ({
          ...i,
          id: newId(),
          createdAt: at,
          readAt: null,
          // Nothing to send where no server is set or the person gave no address: the list has it.
          emailStatus: mailer.configured && people.get(i.userId)?.email ? 'pending' : 'none',
          emailError: null,
          emailedAt: null,
        })),
      )
    },

    /**
     * Sends the e-mail of every notification waiting for it: each claimed first, so that of two
     * instances delivering at once only one sends it; a failure is kept and tried again next time.
     */
    async deliver(): Promise<{ sent: number; failed: number }> {
      let sent = 0
      let failed = 0
      // Each notification at most once per run: one that fails waits for the next run.
      const tried = new Set<string>()
      for (;;) {
        const waiting = (await repo.waitingForEmail(db, 100 + tried.size)).filter((w) => !tried.has(w.id))
        if (waiting.length === 0) break
        const people = await contacts([...new Set(waiting.map((w) => w.userId))])
        for (const n of waiting) {
          tried.add(n.id)
          if (!(await repo.claimEmail(db, n.id, n.emailStatus))) continue
          const to = people.get(n.userId)?.email
          try {
            if (!to) throw new Error('The person has no e-mail address')
            await mailer.send({ to, subject: n.subject, text: n.body })
            await repo.emailDone(db, n.id, { status: 'sent', at: clock.now().toISOString() })
            sent++
          } catch (error) {
            await repo.emailDone(db, n.id, {
              status: 'failed',
              at: clock.now().toISOString(),
              error: error instanceof Error ? error.message : String(error),
            })
            failed++
          }
        }
      }
      return { sent, failed }
    },

    /** The caller's notifications, newest first, and how many are unread. */
    async list(actor: Actor, query: NotificationsQuery) {
      const limit = query.limit ?? 50
      const cursor = decodeCursor(query.cursor, 2)
      const rows = await repo.listFor(db, actor.id, {
        unread: query.unread,
        before: cursor ? [String(cursor[0]), String(cursor[1])] : undefined,
        limit: limit + 1,
      })
      const cut = page(rows, limit, (r: NotificationRow) => [r.createdAt, r.id])
      return {
        items: cut.items.map(dto),
        unread: await repo.countUnread(db, actor.id),
        nextCursor: cut.nextCursor,
      }
    },

    async unreadCount(actor: Actor): Promise<number> {
      return repo.countUnread(db, actor.id)
    },

    /** Marks one of the caller's notifications read (again: no change); 404 for anyone else's. */
    async markRead(actor: Actor, id: string): Promise<void> {
      if (!(await repo.markRead(db, actor.id, id, clock.now().toISOString()))) throw notFound('Notification')
    },
  }
}
