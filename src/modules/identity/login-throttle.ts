import { type Kysely, sql } from 'kysely'
import { type Db, withTables } from '../../platform/db/index.js'
import { AppError } from '../../platform/errors.js'

/**
 * Repeated failed sign-ins: at most 5 per login and 20 per address in 15 minutes; past that, 429
 * until the window ends. Counted in the database so that every instance sees the same counts.
 */
export const LOGIN_LIMITS = { perLogin: 5, perAddress: 20, windowMinutes: 15 } as const

export interface ThrottleTables {
  loginFailures: { key: string; count: number; windowStart: string }
}

export function throttleKeys(login: string, address: string): string[] {
  return [`login:${login.toLowerCase()}`, `ip:${address}`]
}

function limitOf(key: string): number {
  return key.startsWith('login:') ? LOGIN_LIMITS.perLogin : LOGIN_LIMITS.perAddress
}

/** Throws 429 with Retry-After when any key is over its limit in the current window. */
export async function assertNotThrottled(database: Db, keys: string[], now: Date): Promise<void> {
  const db = throttleDb(database)
  const rows = await db.selectFrom('loginFailures').selectAll().where('key', 'in', keys).execute()
  const windowMs = LOGIN_LIMITS.windowMinutes * 60_000
  for (const row of rows) {
    const ends = new Date(row.windowStart).getTime() + windowMs
    if (ends > now.getTime() && row.count >= limitOf(row.key)) {
      const retryAfter = Math.ceil((ends - now.getTime()) / 1000)
      throw new AppError(
        'TOO_MANY_SIGN_IN_FAILURES',
        429,
        'Too many failed sign-ins',
        `Sign-in is paused for this account or address; try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
        undefined,
        { 'retry-after': String(retryAfter) },
      )
    }
  }
}

/** Counts one failure against every key, starting a new window where the old one has ended. */
export async function recordFailure(database: Db, keys: string[], now: Date): Promise<void> {
  const db = throttleDb(database)
  const nowIso = now.toISOString()
  const windowStartedBefore = new Date(now.getTime() - LOGIN_LIMITS.windowMinutes * 60_000).toISOString()
  for (const key of keys) {
    await db
      .insertInto('loginFailures')
      .values({ key, count: 1, windowStart: nowIso })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql`case when login_failures.window_start <= ${windowStartedBefore} then 1 else login_failures.count + 1 end`,
          windowStart: sql`case when login_failures.window_start <= ${windowStartedBefore} then ${nowIso} else login_failures.window_start end`,
        }),
      )
      .execute()
  }
}

/** A successful sign-in clears the login's count (not the address's: one good password from an
 * address guessing at others must not reset its budget). */
export async function clearLoginFailures(database: Db, login: string): Promise<void> {
  await throttleDb(database)
    .deleteFrom('loginFailures')
    .where('key', '=', `login:${login.toLowerCase()}`)
    .execute()
}

function throttleDb(db: Db): Kysely<ThrottleTables> {
  return withTables<ThrottleTables>(db)
}
