import type { Db } from '../../platform/db/index.js'
import { AppError } from '../../platform/errors.js'
import { countInWindow, forgetWindow, giveBack } from '../../platform/rate-window.js'

/**
 * Sign-in attempts: at most 5 per login and 20 per address in 15 minutes; past that, 429 until the
 * window ends. Counted in the database so that every instance sees the same counts.
 */
export const LOGIN_LIMITS = { perLogin: 5, perAddress: 20, windowMinutes: 15 } as const
const WINDOW_MS = LOGIN_LIMITS.windowMinutes * 60_000

export function throttleKeys(login: string, address: string): { login: string; address: string } {
  return { login: `login:${login.toLowerCase()}`, address: `ip:${address}` }
}

/** An attempt refused by a limit: which key, how many it refused so far in this window. */
export interface Throttled {
  key: string
  refused: number
  error: AppError
}

/**
 * Takes one attempt from the budget of the login and of the address before the password is checked,
 * each in one atomic statement: of a parallel burst exactly the limit get through (checking first and
 * counting after let a burst of 50 try 49 passwords). Null when the attempt may go on.
 */
export async function reserveAttempt(
  db: Db,
  keys: { login: string; address: string },
  now: Date,
): Promise<Throttled | null> {
  let throttled: Throttled | null = null
  for (const [key, limit] of [
    [keys.login, LOGIN_LIMITS.perLogin],
    [keys.address, LOGIN_LIMITS.perAddress],
  ] as const) {
    const { count, endsAt } = await countInWindow(db, key, WINDOW_MS, now)
    if (count > limit && !throttled) throttled = { key, refused: count - limit, error: tooMany(endsAt, now) }
  }
  return throttled
}

/**
 * A successful sign-in clears the login's count and gives the address back its attempt: staff behind
 * one office address signing in all morning must not lock each other out. (An address guessing at
 * other logins keeps its failures.)
 */
export async function signedInAfter(db: Db, keys: { login: string; address: string }): Promise<void> {
  await forgetWindow(db, keys.login)
  await giveBack(db, keys.address)
}

function tooMany(endsAt: number, now: Date): AppError {
  const retryAfter = Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000))
  return new AppError(
    'TOO_MANY_SIGN_IN_FAILURES',
    429,
    'Too many failed sign-ins',
    `Sign-in is paused for this account or address; try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
    undefined,
    { 'retry-after': String(retryAfter) },
  )
}
