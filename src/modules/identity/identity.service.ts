import { createHash } from 'node:crypto'
import type { Clock } from '../../platform/clock.js'
import { type Db, withTables } from '../../platform/db/index.js'
import { AppError, conflict } from '../../platform/errors.js'
import { newId, newSecret } from '../../platform/ids.js'
import * as repo from './identity.repository.js'
import type { IdentityTables } from './identity.tables.js'
import { decoyHash, hashPassword, verifyPassword } from './passwords.js'
import type { Actor, Role, RoleGrant } from './roles.js'

/** How long a sign-in lasts: a working day and then some. */
const SESSION_HOURS = 12

export interface NewUser {
  login: string
  password: string
  name: string
  email?: string | null
  roles: RoleGrant[]
}

export interface SignedIn {
  token: string
  user: { id: string; login: string; name: string; roles: RoleGrant[] }
}

export type IdentityService = ReturnType<typeof createIdentityService>

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

export function createIdentityService(database: Db, clock: Clock) {
  const db = withTables<IdentityTables>(database)
  const invalidCredentials = () =>
    new AppError('INVALID_CREDENTIALS', 401, 'Sign-in failed', 'The login or password is not right.')

  return {
    async createUser(input: NewUser): Promise<{ id: string }> {
      const now = clock.now().toISOString()
      const id = newId()
      const passwordHash = await hashPassword(input.password)
      await db.transaction().execute(async (trx) => {
        if (await repo.findUserByLogin(trx, input.login)) throw conflict('LOGIN_TAKEN', 'This login is taken')
        await repo.insertUser(trx, {
          id,
          login: input.login,
          name: input.name,
          email: input.email ?? null,
          passwordHash,
          totpSecret: null,
          status: 'active',
          version: 1,
          createdAt: now,
          updatedAt: now,
        })
        for (const grant of input.roles) {
          await repo.insertGrant(trx, { id: newId(), userId: id, role: grant.role, officeId: grant.officeId })
        }
      })
      return { id }
    },

    async userExists(login: string): Promise<boolean> {
      return (await repo.findUserByLogin(db, login)) !== undefined
    },

    /** Checks the password and opens a session. Never says which of login or password was wrong. */
    async login(login: string, password: string): Promise<SignedIn> {
      const user = await repo.findUserByLogin(db, login)
      if (!user) {
        await verifyPassword(await decoyHash(), password)
        throw invalidCredentials()
      }
      if (!(await verifyPassword(user.passwordHash, password)) || user.status !== 'active')
        throw invalidCredentials()
      const token = newSecret()
      const now = clock.now()
      await repo.insertToken(db, {
        id: newId(),
        userId: user.id,
        tokenHash: hashToken(token),
        kind: 'session',
        label: null,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
        revokedAt: null,
      })
      const roles = (await repo.listGrants(db, user.id)) as RoleGrant[]
      return { token, user: { id: user.id, login: user.login, name: user.name, roles } }
    },

    /** The actor behind a bearer token or session cookie, or null when it is unknown, expired or revoked. */
    async authenticate(token: string): Promise<Actor | null> {
      const rows = await repo.findLiveTokenWithGrants(db, hashToken(token), clock.now().toISOString())
      const first = rows[0]
      if (first?.status !== 'active') return null
      return {
        kind: 'user',
        id: first.userId,
        login: first.login,
        grants: rows
          .filter((r) => r.role !== null)
          .map((r) => ({ role: r.role as Role, officeId: r.officeId })),
      }
    },

    async logout(token: string): Promise<void> {
      await repo.revokeToken(db, hashToken(token), clock.now().toISOString())
    },

    async getUser(id: string) {
      const user = await repo.findUserById(db, id)
      if (!user) return null
      const roles = (await repo.listGrants(db, id)) as RoleGrant[]
      return {
        id: user.id,
        login: user.login,
        name: user.name,
        email: user.email,
        status: user.status,
        roles,
      }
    },
  }
}
