import type { Selectable } from 'kysely'

/** A staff notification (migration 026): once per person and occasion, read in the list, sent by e-mail. */
export interface NotificationsTable {
  id: string
  userId: string
  officeId: string | null
  /** `digest` (the day's overdue and due-soon cases) or `due-soon` (one case, 3 working days ahead). */
  kind: string
  subject: string
  body: string
  /** Where it leads in the staff pages: `/staff/cases/…`, `/staff/deadlines`. */
  link: string | null
  /** What makes it once: `digest:<user>:<date>`, `due-soon:<case>:<due date>:<user>`. */
  dedupeKey: string
  createdAt: string
  readAt: string | null
  /** `pending`, `sending`, `sent`, `failed` (tried again next run), or `none` (no address, no server). */
  emailStatus: string
  emailError: string | null
  emailedAt: string | null
}

export interface NotificationsTables {
  notifications: NotificationsTable
}

export type NotificationRow = Selectable<NotificationsTable>
