import type { Kysely } from 'kysely'
import type { AuthTokenRow, IdentityTables, UserRow } from './identity.tables.js'

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

export function listGrants(db: Db, userId: string) {
  return db
    .selectFrom('roleGrants')
    .select(['role', 'officeId'])
    .where('userId', '=', userId)
    .orderBy('id')
    .execute()
}

export async function insertGrant(
  db: Db,
  row: { id: string; userId: string; role: string; officeId: string | null },
) {
  await db.insertInto('roleGrants').values(row).execute()
}

export async function insertToken(db: Db, row: AuthTokenRow): Promise<void> {
  await db.insertInto('authTokens').values(row).execute()
}

/**
 * The live token with this hash, its user and the user's grants: one row per grant (one row with
 * null role when there are none), none when the token is unknown, expired or revoked. One query,
 * because it runs on every authenticated request.
 */
export function findLiveTokenWithGrants(db: Db, tokenHash: string, now: string) {
  return db
    .selectFrom('authTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .leftJoin('roleGrants as g', 'g.userId', 'u.id')
    .select(['u.id as userId', 'u.login', 'u.status', 'g.role', 'g.officeId'])
    .where('t.tokenHash', '=', tokenHash)
    .where('t.revokedAt', 'is', null)
    .where((eb) => eb.or([eb('t.expiresAt', 'is', null), eb('t.expiresAt', '>', now)]))
    .orderBy('g.id')
    .execute()
}

export async function revokeToken(db: Db, tokenHash: string, now: string): Promise<void> {
  await db
    .updateTable('authTokens')
    .set({ revokedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .execute()
}
