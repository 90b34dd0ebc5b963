import { type Db, withTables } from '../../platform/db/index.js'
import type { NotificationRow, NotificationsTables } from './notifications.tables.js'

const t = (db: Db) => withTables<NotificationsTables>(db)

/** Adds the notifications not yet there (by their dedupe key); how many were new. */
export async function insertNew(db: Db, rows: readonly NotificationRow[]): Promise<NotificationRow[]> {
  if (rows.length === 0) return []
  const added = await t(db)
    .insertInto('notifications')
    .values([...rows])
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .execute()
  const ids = new Set(added.map((r) => r.id))
  return rows.filter((r) => ids.has(r.id))
}

export function listFor(
  db: Db,
  userId: string,
  f: { unread?: boolean | undefined; before?: [string, string] | undefined; limit: number },
): Promise<NotificationRow[]> {
  let q = t(db).selectFrom('notifications').selectAll().where('userId', '=', userId)
  if (f.unread) q = q.where('readAt', 'is', null)
  if (f.before) {
    const [at, id] = f.before
    q = q.where((eb) =>
      eb.or([eb('createdAt', '<', at), eb.and([eb('createdAt', '=', at), eb('id', '<', id)])]),
    )
  }
  return q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(f.limit).execute()
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await t(db)
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Marks one of the user's notifications read; false when it is not theirs or not there. */
export async function markRead(db: Db, userId: string, id: string, at: string): Promise<boolean> {
  const result = await t(db)
    .updateTable('notifications')
    .set({ readAt: at })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) > 0) return true
  const row = await t(db)
    .selectFrom('notifications')
    .select('id')
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst()
  return !!row
}

/** The notifications waiting for e-mail (new, or failed before), oldest first. */
export function waitingForEmail(db: Db, limit: number): Promise<NotificationRow[]> {
  return t(db)
    .selectFrom('notifications')
    .selectAll()
    .where('emailStatus', 'in', ['pending', 'failed'])
    .orderBy('createdAt')
    .limit(limit)
    .execute()
}

/**
 * Claims one notification's e-mail for this sender: true for exactly one of several instances that
 * try at once, so a message leaves once.
 */
export async function claimEmail(db: Db, id: string, from: string): Promise<boolean> {
  const result = await t(db)
    .updateTable('notifications')
    .set({ emailStatus: 'sending' })
    .where('id', '=', id)
    .where('emailStatus', '=', from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function emailDone(
  db: Db,
  id: string,
  outcome: { status: 'sent' | 'failed'; at: string; error?: string },
): Promise<void> {
  await t(db)
    .updateTable('notifications')
    .set({
      emailStatus: outcome.status,
      emailedAt: outcome.status === 'sent' ? outcome.at : null,
      emailError: outcome.error?.slice(0, 500) ?? null,
    })
    .where('id', '=', id)
    .execute()
}
