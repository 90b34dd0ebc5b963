import type { Kysely } from 'kysely'
import { prepared } from '../../platform/db/prepared.js'
import type { AuthTokenRow, IdentityTables, UserRow } from './identity.tables.js'
import type { Role } from './roles.js'

type Db = Kysely<IdentityTables>

export function findUserByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst()
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertUser(db: Db, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute()
}

export async function updateUser(db: Db, id: string, set: Partial<Omit<UserRow, 'id'>>): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', id).execute()
}

/** Users with a grant in one of `officeIds` (null: every user), ordered by login. */
export function listUsers(db: Db, officeIds: readonly string[] | null): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll().orderBy('login')
  if (officeIds) {
    if (officeIds.length === 0) return Promise.resolve([])
    q = q.where('id', 'in', db.selectFrom('roleGrants').select('userId').where('officeId', 'in', officeIds))
  }
  return q.execute()
}

export function listGrants(db: Db, userId: string) {
  return db
    .selectFrom('roleGrants')
    .select(['role', 'officeId', 'unitId'])
    .where('userId', '=', userId)
    .orderBy('id')
    .execute()
}

export function listGrantsOfUsers(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('roleGrants')
    .select(['userId', 'role', 'officeId', 'unitId'])
    .where('userId', 'in', userIds)
    .orderBy('id')
    .execute()
}

export async function replaceGrants(
  db: Db,
  userId: string,
  grants: { id: string; role: Role; officeId: string | null; unitId: string | null }[],
) {
  await db.deleteFrom('roleGrants').where('userId', '=', userId).execute()
  if (grants.length > 0)
    await db
      .insertInto('roleGrants')
      .values(grants.map((g) => ({ ...g, userId })))
      .execute()
}

export async function insertToken(db: Db, row: AuthTokenRow): Promise<void> {
  await db.insertInto('authTokens').values(row).execute()
}

/**
 * The live token with this hash, its user and the user's grants: one row per grant (one row with
 * null role when there are none), none when the token is unknown, expired or revoked. One query,
 * because it runs on every authenticated request.
 */
const liveTokenWithGrants = prepared((db: Db, v: { tokenHash: string; now: string }) =>
  db
    .selectFrom('authTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .leftJoin('roleGrants as g', 'g.userId', 'u.id')
    .select([
      'u.id as userId',
      'u.login',
      'u.status',
      'u.totpConfirmedAt',
      't.kind',
      'g.role',
      'g.officeId',
      'g.unitId',
    ])
    .where('t.tokenHash', '=', v.tokenHash)
    .where('t.revokedAt', 'is', null)
    .where((eb) => eb.or([eb('t.expiresAt', 'is', null), eb('t.expiresAt', '>', v.now)]))
    .orderBy('g.id'),
)

export async function findLiveTokenWithGrants(db: Db, tokenHash: string, now: string) {
  return (await liveTokenWithGrants(db, { tokenHash, now })).rows
}

export async function revokeTokenByHash(db: Db, tokenHash: string, now: string): Promise<void> {
  await db
    .updateTable('authTokens')
    .set({ revokedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .execute()
}

export async function revokeTokenById(db: Db, userId: string, id: string, now: string): Promise<number> {
  const result = await db
    .updateTable('authTokens')
    .set({ revokedAt: now })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('kind', '=', 'personal')
    .where('revokedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function revokeAllTokens(db: Db, userId: string, now: string): Promise<void> {
  await db
    .updateTable('authTokens')
    .set({ revokedAt: now })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .execute()
}

/** Ends every other sign-in of the account (sessions only: personal tokens stay until revoked). */
export async function revokeOtherSessions(
  db: Db,
  userId: string,
  keepHash: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('authTokens')
    .set({ revokedAt: now })
    .where('userId', '=', userId)
    .where('kind', '=', 'session')
    .where('tokenHash', '!=', keepHash)
    .where('revokedAt', 'is', null)
    .execute()
}

export function listPersonalTokens(db: Db, userId: string, now: string) {
  return db
    .selectFrom('authTokens')
    .select(['id', 'label', 'createdAt', 'expiresAt'])
    .where('userId', '=', userId)
    .where('kind', '=', 'personal')
    .where('revokedAt', 'is', null)
    .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
    .orderBy('createdAt')
    .execute()
}

/** Active users with an officer or head grant that reaches a unit (network, office or that unit). */
export function unitStaff(db: Db, officeId: string, unitId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('roleGrants as g', 'g.userId', 'u.id')
    .select(['u.id', 'u.login', 'u.name'])
    .distinct()
    .where('u.status', '=', 'active')
    .where('g.role', 'in', ['officer', 'head'])
    .where((eb) =>
      eb.or([
        eb('g.officeId', 'is', null),
        eb.and([
          eb('g.officeId', '=', officeId),
          eb.or([eb('g.unitId', 'is', null), eb('g.unitId', '=', unitId)]),
        ]),
      ]),
    )
    .orderBy('u.name')
    .execute()
}

/** The e-mail addresses of active users among `ids`. */
export function emailsOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute()
}
