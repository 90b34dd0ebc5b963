import type { AuditTrail } from '../../platform/audit-trail.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, rethrowUnique, withTables } from '../../platform/db/index.js'
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { identityPolicy, MANAGER_GRANTABLE } from './identity.policy.js'
import * as repo from './identity.repository.js'
import type { CreateUserBody, UpdateUserBody, UserDto } from './identity.schemas.js'
import type { IdentityTables, UserRow } from './identity.tables.js'
import { heldLogins, holdOf, liftHold } from './login-throttle.js'
import type { Passwords } from './passwords.js'
import {
  type Actor,
  ANY_OFFICE,
  assertAllowed,
  auditRecordBy,
  isAllowedNetworkWide,
  NETWORK_ONLY_ROLES,
  OFFICE_ONLY_ROLES,
  officesVisibleTo,
  type Role,
  type RoleGrant,
  UNIT_ROLES,
} from './roles.js'

const loginTaken = (login: string) =>
  conflict('LOGIN_TAKEN', 'This login is taken', `A user ${login} exists.`)

export type UsersService = ReturnType<typeof createUsersService>

/** Staff accounts: who works where with which roles. Every change is audited in its transaction. */
export function createUsersService(
  database: Db,
  clock: Clock,
  audit: AuditTrail,
  offices: {
    officeExists: (id: string) => Promise<boolean>
    /** The office a unit belongs to, or null when there is no such unit. */
    officeOfUnit: (unitId: string) => Promise<string | null>
  },
  passwords: Passwords,
) {
  const db = withTables<IdentityTables>(database)

  /** A manager may touch only users whose every grant is in an office they manage. */
  async function assertMayManage(actor: Actor, grants: readonly RoleGrant[]) {
    if (isAllowedNetworkWide(actor, identityPolicy.manageUsers)) return
    for (const grant of grants) {
      if (grant.officeId === null || !MANAGER_GRANTABLE.includes(grant.role))
        throw forbidden('Managers grant office roles of their own office only.')
      assertAllowed(actor, identityPolicy.manageUsers, grant.officeId)
    }
  }

  async function validateGrants(grants: readonly RoleGrant[]) {
    const errors = []
    for (const [i, g] of grants.entries()) {
      if (g.officeId === null && OFFICE_ONLY_ROLES.includes(g.role))
        errors.push({
          path: `body.roles[${i}].officeId`,
          message: `the ${g.role} role is granted for one office`,
        })
      else if (g.officeId !== null && NETWORK_ONLY_ROLES.includes(g.role))
        errors.push({
          path: `body.roles[${i}].officeId`,
          message: `the ${g.role} role is network-wide: officeId must be null`,
        })
      else if (g.officeId !== null && !(await offices.officeExists(g.officeId)))
        errors.push({ path: `body.roles[${i}].officeId`, message: 'no such office' })
      else if (g.unitId && !UNIT_ROLES.includes(g.role))
        errors.push({
          path: `body.roles[${i}].unitId`,
          message: `the ${g.role} role is granted for a whole office: only ${UNIT_ROLES.join(', ')} take a unit`,
        })
      else if (g.unitId && (await offices.officeOfUnit(g.unitId)) !== g.officeId)
        errors.push({ path: `body.roles[${i}].unitId`, message: 'no such unit in this office' })
    }
    if (errors.length > 0) throw invalid(errors)
  }

  async function load(id: string): Promise<{ row: UserRow; roles: RoleGrant[] }> {
    const row = await repo.findUserById(db, id)
    if (!row) throw notFound('User')
    return { row, roles: await repo.listGrants(db, id) }
  }

  return {
    async createUser(actor: Actor, input: CreateUserBody): Promise<UserDto> {
      assertAllowed(actor, identityPolicy.manageUsers, ANY_OFFICE)
      await assertMayManage(actor, input.roles)
      await validateGrants(input.roles)
      const now = clock.now().toISOString()
      const id = newId()
      const passwordHash = await passwords.hash(input.password)
      await db
        .transaction()
        .execute(async (trx) => {
          if (await repo.findUserByLogin(trx, input.login)) throw loginTaken(input.login)
          await repo.insertUser(trx, {
            id,
            login: input.login,
            name: input.name,
            email: input.email ?? null,
            passwordHash,
            totpSecret: null,
            totpConfirmedAt: null,
            status: 'active',
            version: 1,
            createdAt: now,
            updatedAt: now,
          })
          await repo.replaceGrants(
            trx,
            id,
            input.roles.map((g) => ({
              id: newId(),
              role: g.role,
              officeId: g.officeId,
              unitId: g.unitId ?? null,
            })),
          )
          await audit.record(
            trx,
            auditRecordBy(actor, {
              action: 'user.create',
              officeId: input.roles.find((g) => g.officeId)?.officeId ?? null,
              subjectType: 'user',
              subjectId: id,
              summary: {
                login: input.login,
                name: input.name,
                email: input.email ?? null,
                roles: input.roles,
              },
            }),
          )
        })
        .catch(rethrowUnique(() => loginTaken(input.login)))
      return this.getUser(actor, id)
    },

    async listUsers(actor: Actor): Promise<UserDto[]> {
      assertAllowed(actor, identityPolicy.readUsers, ANY_OFFICE)
      const rows = await repo.listUsers(db, officesVisibleTo(actor, identityPolicy.readUsers))
      const grants = await repo.listGrantsOfUsers(
        db,
        rows.map((r) => r.id),
      )
      const held = await heldLogins(db, clock.now())
      return rows.map((row) =>
        toUserDto(
          row,
          grants
            .filter((g) => g.userId === row.id)
            .map((g) => ({ role: g.role as Role, officeId: g.officeId, unitId: g.unitId })),
          held.get(row.login.toLowerCase()) ?? null,
        ),
      )
    },

    /** The officers and heads who may handle a unit's cases (for an assignment's choice), no actor needed. */
    async unitStaff(
      officeId: string,
      unitId: string,
    ): Promise<{ id: string; login: string; name: string }[]> {
      return repo.unitStaff(db, officeId, unitId)
    },

    /** Where notifications of these people go: their e-mail address, if active and they gave one. */
    async contacts(ids: readonly string[]): Promise<Map<string, { email: string | null }>> {
      return new Map((await repo.emailsOf(db, ids)).map((u) => [u.id, { email: u.email }]))
    },

    /** A user's grants read through `uow`, for another module's checks (an assignee works in the unit); null: no such active user. */
    async grantsIn(uow: Db, id: string): Promise<RoleGrant[] | null> {
      const from = withTables<IdentityTables>(uow)
      const row = await repo.findUserById(from, id)
      if (row?.status !== 'active') return null
      return repo.listGrants(from, id)
    },

    /** The signed-in user's own account; no role needed. */
    async getSelf(actor: Actor): Promise<UserDto> {
      const { row, roles } = await load(actor.id)
      return toUserDto(row, roles, null)
    },

    async getUser(actor: Actor, id: string): Promise<UserDto> {
      assertAllowed(actor, identityPolicy.readUsers, ANY_OFFICE)
      const { row, roles } = await load(id)
      const visible = officesVisibleTo(actor, identityPolicy.readUsers)
      if (visible && !roles.some((g) => g.officeId && visible.includes(g.officeId)) && actor.id !== id)
        throw forbidden()
      return toUserDto(row, roles, (await holdOf(db, row.login, clock.now()))?.heldUntil ?? null)
    },

    /** Changes name, e-mail, password or roles; `ifMatch` (the version) refuses a lost update. */
    async updateUser(actor: Actor, id: string, patch: UpdateUserBody, ifMatch?: number): Promise<UserDto> {
      assertAllowed(actor, identityPolicy.manageUsers, ANY_OFFICE)
      const { roles } = await load(id)
      await assertMayManage(actor, roles)
      if (patch.roles) {
        await assertMayManage(actor, patch.roles)
        await validateGrants(patch.roles)
      }
      const passwordHash = patch.password ? await passwords.hash(patch.password) : undefined
      const now = clock.now().toISOString()
      await db.transaction().execute(async (trx) => {
        const current = await repo.findUserById(trx, id)
        if (!current) throw notFound('User')
        if (ifMatch !== undefined && current.version !== ifMatch) throw preconditionFailed(current.version)
        const changes: Record<string, unknown> = {}
        if (patch.name !== undefined && patch.name !== current.name)
          changes.name = { from: current.name, to: patch.name }
        if (patch.email !== undefined && patch.email !== current.email)
          changes.email = { from: current.email, to: patch.email }
        if (passwordHash) changes.password = 'changed'
        if (patch.roles) changes.roles = { from: roles, to: patch.roles }
        await repo.updateUser(trx, id, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.email !== undefined ? { email: patch.email } : {}),
          ...(passwordHash ? { passwordHash } : {}),
          version: current.version + 1,
          updatedAt: now,
        })
        if (patch.roles)
          await repo.replaceGrants(
            trx,
            id,
            patch.roles.map((g) => ({
              id: newId(),
              role: g.role,
              officeId: g.officeId,
              unitId: g.unitId ?? null,
            })),
          )
        // A new password or fewer rights end every open sign-in of the account.
        if (passwordHash || patch.roles) await repo.revokeAllTokens(trx, id, now)
        await audit.record(
          trx,
          auditRecordBy(actor, {
            action: 'user.update',
            officeId: roles.find((g) => g.officeId)?.officeId ?? null,
            subjectType: 'user',
            subjectId: id,
            summary: changes,
          }),
        )
      })
      return this.getUser(actor, id)
    },

    /** Disables or re-enables an account; disabling revokes every token at once. */
    async setStatus(actor: Actor, id: string, status: 'active' | 'disabled'): Promise<UserDto> {
      assertAllowed(actor, identityPolicy.manageUsers, ANY_OFFICE)
      const { row, roles } = await load(id)
      await assertMayManage(actor, roles)
      if (actor.id === id && status === 'disabled')
        throw conflict('CANNOT_DISABLE_SELF', 'You cannot disable your own account')
      if (row.status !== status) {
        const now = clock.now().toISOString()
        await db.transaction().execute(async (trx) => {
          await repo.updateUser(trx, id, { status, version: row.version + 1, updatedAt: now })
          if (status === 'disabled') await repo.revokeAllTokens(trx, id, now)
          await audit.record(
            trx,
            auditRecordBy(actor, {
              action: status === 'disabled' ? 'user.disable' : 'user.enable',
              officeId: roles.find((g) => g.officeId)?.officeId ?? null,
              subjectType: 'user',
              subjectId: id,
              summary: { status: { from: row.status, to: status } },
            }),
          )
        })
      }
      return this.getUser(actor, id)
    },

    /**
     * Lifts the wait that failed sign-ins put on an account (the owner called the office and it is
     * them); audited with what the hold was. Nothing to lift is not an error.
     */
    async unlockSignIn(actor: Actor, id: string): Promise<UserDto> {
      assertAllowed(actor, identityPolicy.manageUsers, ANY_OFFICE)
      const { row, roles } = await load(id)
      await assertMayManage(actor, roles)
      await db.transaction().execute(async (trx) => {
        const lifted = await liftHold(trx, row.login)
        if (!lifted) return
        await audit.record(
          trx,
          auditRecordBy(actor, {
            action: 'user.sign-in-unlocked',
            officeId: roles.find((g) => g.officeId)?.officeId ?? null,
            subjectType: 'user',
            subjectId: id,
            summary: { login: row.login, attempts: lifted.attempts, heldUntil: lifted.heldUntil },
          }),
        )
      })
      return this.getUser(actor, id)
    },

    async userExists(login: string): Promise<boolean> {
      return (await repo.findUserByLogin(db, login)) !== undefined
    },
  }
}

export function preconditionFailed(version: number): AppError {
  return new AppError(
    'VERSION_MISMATCH',
    412,
    'Changed since you read it',
    `The current version is ${version}; read it again and reapply your change.`,
  )
}

export function toUserDto(row: UserRow, roles: RoleGrant[], signInHeldUntil: string | null): UserDto {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    email: row.email,
    status: row.status,
    roles,
    totpEnabled: row.totpConfirmedAt !== null,
    signInHeldUntil,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}
