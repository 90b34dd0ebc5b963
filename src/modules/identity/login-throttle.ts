import type { Kysely } from 'kysely'
import { type Db, withTables } from '../../platform/db/index.js'
import { AppError } from '../../platform/errors.js'
import { countInWindow, giveBack } from '../../platform/rate-window.js'

/**
 * How sign-in holds out against guessing without being turned against staff:
 * - a login gets `freeAttempts` attempts; after them each attempt makes the next wait a growing time
 *   (15 s, 30 s, 1 min … at most 15 min), so a guesser gets a few tries an hour while the owner, who
 *   mistyped, waits seconds, and nobody can lock an account for its owner; with the second factor on,
 *   the right password and code get in even while the login waits;
 * - an address gets `perAddress` failed sign-ins per window (successes are given back, so a whole
 *   office behind one NAT signing in all morning does not trip it);
 * - an admin (or the account's manager) can lift a hold; holds and unlocks are audited.
 */
export const SIGN_IN_LIMITS = {
  freeAttempts: 5,
  firstHoldSeconds: 15,
  maxHoldSeconds: 15 * 60,
  perAddress: 50,
  addressWindowMinutes: 15,
  /** A login's attempts are forgotten a day after the last one. */
  forgetAfterHours: 24,
} as const

/** One login's attempts since its last success (migration 022). */
export interface SignInHoldTables {
  signInHolds: {
    login: string
    attempts: number
    /** Refusals since the last attempt let through (for audit entries at the 1st, 10th, 100th). */
    refused: number
    freeAt: string
    lastAttemptAt: string
  }
}

/** The wait after the n-th attempt since the last success, in seconds. */
export function holdAfter(attempts: number): number {
  const over = attempts - SIGN_IN_LIMITS.freeAttempts
  if (over < 0) return 0
  return Math.min(SIGN_IN_LIMITS.firstHoldSeconds * 2 ** over, SIGN_IN_LIMITS.maxHoldSeconds)
}

const tables = (db: Db): Kysely<SignInHoldTables> => withTables<SignInHoldTables>(db)
const loginKey = (login: string) => login.toLowerCase()
const addressKey = (address: string) => `ip:${address}`
const ADDRESS_WINDOW_MS = SIGN_IN_LIMITS.addressWindowMinutes * 60_000

export type Reservation =
  | { ok: true; attempt: number; holdSeconds: number }
  | { ok: false; limitedBy: 'login' | 'address'; refused: number; error: AppError }

/**
 * Takes one attempt for the address and the login before the password is checked, each atomically
 * (the address in one statement, the login by compare-and-set), so a parallel burst gets exactly the
 * free attempts, on one instance or several.
 */
export async function reserveAttempt(
  db: Db,
  login: string,
  address: string,
  now: Date,
): Promise<Reservation> {
  const byAddress = await countInWindow(db, addressKey(address), ADDRESS_WINDOW_MS, now)
  if (byAddress.count > SIGN_IN_LIMITS.perAddress)
    return {
      ok: false,
      limitedBy: 'address',
      refused: byAddress.count - SIGN_IN_LIMITS.perAddress,
      error: tooMany(byAddress.endsAt, now),
    }
  const byLogin = await reserveLoginAttempt(db, loginKey(login), now)
  // A held login costs no password check: its refusal does not count against the office's address.
  if (!byLogin.ok) await giveBack(db, addressKey(address))
  return byLogin
}

async function reserveLoginAttempt(db: Db, login: string, now: Date): Promise<Reservation> {
  const at = now.toISOString()
  const t = tables(db)
  const forgetBefore = new Date(now.getTime() - SIGN_IN_LIMITS.forgetAfterHours * 3600_000).toISOString()
  for (;;) {
    const row = await t.selectFrom('signInHolds').selectAll().where('login', '=', login).executeTakeFirst()
    if (!row) {
      const inserted = await t
        .insertInto('signInHolds')
        .values({ login, attempts: 1, refused: 0, freeAt: at, lastAttemptAt: at })
        .onConflict((oc) => oc.column('login').doNothing())
        .returning('login')
        .executeTakeFirst()
      if (inserted) return { ok: true, attempt: 1, holdSeconds: 0 }
      continue
    }
    const stale = row.lastAttemptAt < forgetBefore
    // Within the free attempts nothing waits (`freeAt` is then the time of an attempt whose clock
    // may have read a moment later than this one's).
    if (!stale && holdAfter(row.attempts) > 0 && row.freeAt > at) {
      const refused = await t
        .updateTable('signInHolds')
        .set((eb) => ({ refused: eb('refused', '+', 1) }))
        .where('login', '=', login)
        .returning('refused')
        .executeTakeFirst()
      return {
        ok: false,
        limitedBy: 'login',
        refused: refused?.refused ?? 1,
        error: tooMany(Date.parse(row.freeAt), now),
      }
    }
    const attempt = (stale ? 0 : row.attempts) + 1
    const holdSeconds = holdAfter(attempt)
    // Only if nobody took an attempt since the read: else read again.
    const taken = await t
      .updateTable('signInHolds')
      .set({
        attempts: attempt,
        refused: 0,
        freeAt: new Date(now.getTime() + holdSeconds * 1000).toISOString(),
        lastAttemptAt: at,
      })
      .where('login', '=', login)
      .where('attempts', '=', row.attempts)
      .where('lastAttemptAt', '=', row.lastAttemptAt)
      .returning('attempts')
      .executeTakeFirst()
    if (taken) return { ok: true, attempt, holdSeconds }
  }
}

/**
 * A successful sign-in forgets the login's attempts and gives the address back its attempt: staff
 * behind one office address signing in all morning must not lock each other out. (An address
 * guessing at other logins keeps its failures.)
 */
export async function signedInAfter(db: Db, login: string, address: string): Promise<void> {
  await tables(db).deleteFrom('signInHolds').where('login', '=', loginKey(login)).execute()
  await giveBack(db, addressKey(address))
}

/** A login's hold now: how many attempts since its last success, and until when it waits (null: it does not). */
export async function holdOf(
  db: Db,
  login: string,
  now: Date,
): Promise<{ attempts: number; heldUntil: string | null } | null> {
  const row = await tables(db)
    .selectFrom('signInHolds')
    .selectAll()
    .where('login', '=', loginKey(login))
    .executeTakeFirst()
  if (!row) return null
  return { attempts: row.attempts, heldUntil: row.freeAt > now.toISOString() ? row.freeAt : null }
}

/** Logins waiting now, with until when (for the users page). */
export async function heldLogins(db: Db, now: Date): Promise<Map<string, string>> {
  const rows = await tables(db)
    .selectFrom('signInHolds')
    .select(['login', 'freeAt'])
    .where('freeAt', '>', now.toISOString())
    .execute()
  return new Map(rows.map((r) => [r.login, r.freeAt]))
}

/** Lifts a login's hold (an admin's unlock); returns what it was, or null when there was none. */
export async function liftHold(db: Db, login: string) {
  const t = tables(db)
  const row = await t
    .selectFrom('signInHolds')
    .selectAll()
    .where('login', '=', loginKey(login))
    .executeTakeFirst()
  if (!row) return null
  await t.deleteFrom('signInHolds').where('login', '=', loginKey(login)).execute()
  return { attempts: row.attempts, heldUntil: row.freeAt }
}

function tooMany(endsAt: number, now: Date): AppError {
  const retryAfter = Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000))
  const wait = retryAfter < 60 ? `${retryAfter} second(s)` : `${Math.ceil(retryAfter / 60)} minute(s)`
  return new AppError(
    'TOO_MANY_SIGN_IN_FAILURES',
    429,
    'Too many failed sign-ins',
    `Sign-in waits after failed attempts; try again in ${wait}.`,
    undefined,
    { 'retry-after': String(retryAfter) },
  )
}
