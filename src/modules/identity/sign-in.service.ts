import { createHash } from 'node:crypto'
import type { AuditTrail } from '../../platform/audit-trail.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, withTables } from '../../platform/db/index.js'
import { AppError, conflict, notFound } from '../../platform/errors.js'
import { newId, newSecret } from '../../platform/ids.js'
import { worthRecording } from '../../platform/rate-window.js'
import * as repo from './identity.repository.js'
import type { IdentityTables } from './identity.tables.js'
import { type Reservation, reserveAttempt, SIGN_IN_LIMITS, signedInAfter } from './login-throttle.js'
import type { Passwords } from './passwords.js'
import { type Actor, auditRecordBy, type Role, type RoleGrant } from './roles.js'
import { newTotpSecret, totpUri, verifyTotp } from './totp.js'

/** How long a sign-in lasts: a working day and then some. */
const SESSION_HOURS = 12
/** Roles whose accounts need a second factor when RATUSZ_REQUIRE_2FA is on. */
const TWO_FACTOR_ROLES: readonly Role[] = ['admin', 'coordinator']

export interface SignedIn {
  token: string
  user: { id: string; login: string; name: string; roles: RoleGrant[] }
  mustSetUpTotp: boolean
}

export interface SignInAttempt {
  login: string
  password: string
  totp?: string | undefined
  /** The caller's address, for throttling. */
  address: string
  requestId?: string | undefined
}

export type SignInService = ReturnType<typeof createSignInService>

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

export function createSignInService(
  database: Db,
  clock: Clock,
  audit: AuditTrail,
  options: { require2fa: boolean; passwords: Passwords },
) {
  const { passwords } = options
  const db = withTables<IdentityTables>(database)
  const failed = () =>
    new AppError('INVALID_CREDENTIALS', 401, 'Sign-in failed', 'The login, password or code is not right.')

  /**
   * The attempt was already counted against the limits when it was reserved. The attempt that uses
   * up the login's free ones is also audited as the start of its hold (`auth.sign-in-held`).
   */
  async function fail(
    attempt: SignInAttempt,
    userId: string | null,
    reason: string,
    reserved: Extract<Reservation, { ok: true }> | null,
  ): Promise<never> {
    await db.transaction().execute(async (trx) => {
      const summary = {
        login: attempt.login.slice(0, 100),
        address: attempt.address,
        reason,
        ...(reserved ? { attempt: reserved.attempt, nextAttemptInSeconds: reserved.holdSeconds } : {}),
      }
      const entry = {
        actor: { type: 'anonymous' as const, id: null, login: null },
        officeId: null,
        subjectType: 'user',
        subjectId: userId,
        requestId: attempt.requestId ?? null,
      }
      await audit.record(trx, { ...entry, action: 'auth.login-failed', summary })
      if (reserved?.attempt === SIGN_IN_LIMITS.freeAttempts)
        await audit.record(trx, { ...entry, action: 'auth.sign-in-held', summary })
    })
    throw failed()
  }

  /**
   * Refused by a limit: audited at the 1st, 10th, 100th… refusal in a row, with the count so far, so
   * a flood leaves a trace without growing the log by one entry per request.
   */
  async function refuse(
    attempt: SignInAttempt,
    throttled: Extract<Reservation, { ok: false }>,
  ): Promise<never> {
    if (worthRecording(throttled.refused)) {
      await db.transaction().execute((trx) =>
        audit.record(trx, {
          actor: { type: 'anonymous', id: null, login: null },
          action: 'auth.throttled',
          officeId: null,
          subjectType: 'sign-in',
          subjectId: null,
          summary: {
            login: attempt.login.slice(0, 100),
            address: attempt.address,
            limitedBy: throttled.limitedBy,
            refusedInWindow: throttled.refused,
          },
          requestId: attempt.requestId ?? null,
        }),
      )
    }
    throw throttled.error
  }

  /** The account and whether the password (and the code, where the second factor is on) are right. */
  async function check(attempt: SignInAttempt, now: Date) {
    const user = await repo.findUserByLogin(db, attempt.login)
    if (!user) {
      await passwords.verify(await passwords.decoy(), attempt.password)
      return { user: null, wrong: 'unknown login' } as const
    }
    if (!(await passwords.verify(user.passwordHash, attempt.password)))
      return { user, wrong: 'wrong password' } as const
    if (user.status !== 'active') return { user, wrong: 'account disabled' } as const
    if (user.totpConfirmedAt && user.totpSecret) {
      if (!attempt.totp || !verifyTotp(user.totpSecret, user.login, attempt.totp, now))
        return { user, wrong: 'wrong or missing code' } as const
    }
    return { user, wrong: null } as const
  }

  async function issueToken(
    trx: Db,
    userId: string,
    kind: 'session' | 'personal',
    label: string | null,
    expiresAt: string | null,
  ) {
    const token = newSecret()
    const id = newId()
    const createdAt = clock.now().toISOString()
    await repo.insertToken(withTables<IdentityTables>(trx), {
      id,
      userId,
      tokenHash: hashToken(token),
      kind,
      label,
      createdAt,
      expiresAt,
      revokedAt: null,
    })
    return { id, token, createdAt }
  }

  return {
    /**
     * Checks password (and second factor when on), opens a 12-hour session and audits it. Never says
     * which part was wrong; repeated failures for a login or from an address are refused with 429.
     */
    async login(attempt: SignInAttempt): Promise<SignedIn> {
      const now = clock.now()
      const reserved = await reserveAttempt(database, attempt.login, attempt.address, now)
      let checked: Awaited<ReturnType<typeof check>>
      if (reserved.ok) {
        checked = await check(attempt, now)
        if (checked.wrong !== null) return fail(attempt, checked.user?.id ?? null, checked.wrong, reserved)
      } else {
        // A login waiting after failures still lets in the right password with the right code of
        // its second factor: the hold is against guessing, never against the account's owner.
        if (reserved.limitedBy !== 'login' || !attempt.totp) return refuse(attempt, reserved)
        const owner = await repo.findUserByLogin(db, attempt.login)
        if (!owner?.totpConfirmedAt) return refuse(attempt, reserved)
        checked = await check(attempt, now)
        if (checked.wrong !== null) return refuse(attempt, reserved)
      }
      const user = checked.user!
      const pastHold = !reserved.ok
      const roles = await repo.listGrants(db, user.id)
      const mustSetUpTotp =
        options.require2fa && !user.totpConfirmedAt && roles.some((g) => TWO_FACTOR_ROLES.includes(g.role))
      const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString()
      const { token } = await database.transaction().execute(async (trx) => {
        const issued = await issueToken(trx, user.id, 'session', null, expiresAt)
        await signedInAfter(trx, attempt.login, attempt.address)
        await audit.record(trx, {
          actor: { type: 'user', id: user.id, login: user.login },
          action: 'auth.login',
          officeId: null,
          subjectType: 'user',
          subjectId: user.id,
          summary: { address: attempt.address, mustSetUpTotp, ...(pastHold ? { pastHold } : {}) },
          requestId: attempt.requestId ?? null,
        })
        return issued
      })
      return { token, user: { id: user.id, login: user.login, name: user.name, roles }, mustSetUpTotp }
    },

    /** The actor behind a bearer token or session cookie, or null when it is unknown, expired or revoked. */
    async authenticate(token: string): Promise<Actor | null> {
      const rows = await repo.findLiveTokenWithGrants(db, hashToken(token), clock.now().toISOString())
      const first = rows[0]
      if (first?.status !== 'active') return null
      const grants = rows
        .filter((r) => r.role !== null)
        .map((r) => ({ role: r.role as Role, officeId: r.officeId, unitId: r.unitId }))
      const isDevice = grants.length > 0 && grants.every((g) => g.role === 'kiosk')
      return {
        kind: isDevice ? 'device' : 'user',
        id: first.userId,
        login: first.login,
        grants,
        mustSetUpTotp:
          options.require2fa &&
          first.kind === 'session' &&
          !first.totpConfirmedAt &&
          grants.some((g) => TWO_FACTOR_ROLES.includes(g.role)),
      }
    },

    async logout(actor: Actor, token: string): Promise<void> {
      await database.transaction().execute(async (trx) => {
        await repo.revokeTokenByHash(
          withTables<IdentityTables>(trx),
          hashToken(token),
          clock.now().toISOString(),
        )
        await audit.record(
          trx,
          auditRecordBy(actor, {
            action: 'auth.logout',
            officeId: null,
            subjectType: 'user',
            subjectId: actor.id,
            summary: {},
          }),
        )
      })
    },

    /** A token for a script or device, shown once. */
    async createPersonalToken(actor: Actor, label: string, expiresAt: string | null) {
      return database.transaction().execute(async (trx) => {
        const issued = await issueToken(
          trx,
          actor.id,
          'personal',
          label,
          expiresAt ? new Date(expiresAt).toISOString() : null,
        )
        await audit.record(
          trx,
          auditRecordBy(actor, {
            action: 'token.create',
            officeId: null,
            subjectType: 'token',
            subjectId: issued.id,
            summary: { label, expiresAt },
          }),
        )
        return {
          id: issued.id,
          label,
          createdAt: issued.createdAt,
          expiresAt: expiresAt ? new Date(expiresAt).toISOString() : null,
          token: issued.token,
        }
      })
    },

    async listPersonalTokens(actor: Actor) {
      const rows = await repo.listPersonalTokens(db, actor.id, clock.now().toISOString())
      return rows.map((r) => ({
        id: r.id,
        label: r.label ?? '',
        createdAt: r.createdAt,
        expiresAt: r.expiresAt,
      }))
    },

    async revokePersonalToken(actor: Actor, id: string): Promise<void> {
      await database.transaction().execute(async (trx) => {
        const revoked = await repo.revokeTokenById(
          withTables<IdentityTables>(trx),
          actor.id,
          id,
          clock.now().toISOString(),
        )
        if (revoked === 0) throw notFound('Token')
        await audit.record(
          trx,
          auditRecordBy(actor, {
            action: 'token.revoke',
            officeId: null,
            subjectType: 'token',
            subjectId: id,
            summary: {},
          }),
        )
      })
    },

    /**
     * The owner changes their password, proving the old one. The sign-in used for it stays open;
     * every other session of the account ends. A wrong old password is audited and refused (422).
     */
    async changeOwnPassword(actor: Actor, currentToken: string, current: string, next: string) {
      const user = await repo.findUserById(db, actor.id)
      if (!user) throw notFound('User')
      const entry = { officeId: null, subjectType: 'user', subjectId: actor.id }
      if (!(await passwords.verify(user.passwordHash, current))) {
        await db
          .transaction()
          .execute((trx) =>
            audit.record(
              trx,
              auditRecordBy(actor, { ...entry, action: 'user.password-change-refused', summary: {} }),
            ),
          )
        throw new AppError(
          'VALIDATION_FAILED',
          422,
          'The request is not valid',
          'body.currentPassword: is not your current password',
          [
            {
              path: 'body.currentPassword',
              message: 'is not your current password',
              keyword: 'wrongPassword',
            },
          ],
        )
      }
      const passwordHash = await passwords.hash(next)
      const now = clock.now().toISOString()
      await database.transaction().execute(async (trx) => {
        const tables = withTables<IdentityTables>(trx)
        await repo.updateUser(tables, actor.id, { passwordHash, version: user.version + 1, updatedAt: now })
        await repo.revokeOtherSessions(tables, actor.id, hashToken(currentToken), now)
        await audit.record(
          trx,
          auditRecordBy(actor, {
            ...entry,
            action: 'user.password-changed',
            summary: { otherSessionsEnded: true },
          }),
        )
      })
    },

    /** The second factor being set up and not yet confirmed, if any (to show its key again). */
    async pendingTotp(actor: Actor): Promise<{ secret: string; otpauthUri: string } | null> {
      const user = await repo.findUserById(db, actor.id)
      if (!user?.totpSecret || user.totpConfirmedAt) return null
      return { secret: user.totpSecret, otpauthUri: totpUri(user.totpSecret, user.login) }
    },

    /** Starts setting up a second factor: a new secret, off until a code from it is confirmed. */
    async enrolTotp(actor: Actor): Promise<{ secret: string; otpauthUri: string }> {
      const user = await repo.findUserById(db, actor.id)
      if (!user) throw notFound('User')
      if (user.totpConfirmedAt) throw conflict('TOTP_ALREADY_ON', 'The second factor is already on')
      const secret = newTotpSecret()
      await repo.updateUser(db, actor.id, { totpSecret: secret })
      return { secret, otpauthUri: totpUri(secret, user.login) }
    },

    async confirmTotp(actor: Actor, code: string): Promise<void> {
      const user = await repo.findUserById(db, actor.id)
      if (!user?.totpSecret) throw conflict('TOTP_NOT_ENROLLED', 'Start the set-up first')
      if (user.totpConfirmedAt) throw conflict('TOTP_ALREADY_ON', 'The second factor is already on')
      if (!verifyTotp(user.totpSecret, user.login, code, clock.now())) {
        throw new AppError(
          'VALIDATION_FAILED',
          422,
          'The request is not valid',
          'body.code: is not the current code',
          [{ path: 'body.code', message: 'is not the current code', keyword: 'wrongCode' }],
        )
      }
      const now = clock.now().toISOString()
      await database.transaction().execute(async (trx) => {
        await repo.updateUser(withTables<IdentityTables>(trx), actor.id, {
          totpConfirmedAt: now,
          version: user.version + 1,
          updatedAt: now,
        })
        // Sessions opened before the second factor was on end now.
        await repo.revokeAllTokens(withTables<IdentityTables>(trx), actor.id, now)
        await audit.record(
          trx,
          auditRecordBy(actor, {
            action: 'user.totp-on',
            officeId: null,
            subjectType: 'user',
            subjectId: actor.id,
            summary: {},
          }),
        )
      })
    },
  }
}
