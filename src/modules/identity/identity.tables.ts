import type { Selectable } from 'kysely'
import type { Role } from './roles.js'

export interface UsersTable {
  id: string
  login: string
  name: string
  email: string | null
  passwordHash: string
  totpSecret: string | null
  /** When the second factor was confirmed; null while it is off or only enrolled. */
  totpConfirmedAt: string | null
  status: 'active' | 'disabled'
  version: number
  createdAt: string
  updatedAt: string
}

export interface RoleGrantsTable {
  id: string
  userId: string
  role: Role
  officeId: string | null
  /** One unit of the office (migration 015); null: the whole office. */
  unitId: string | null
}

export interface AuthTokensTable {
  id: string
  userId: string
  tokenHash: string
  /** `session` (sign-in), `personal` (a user's script or device token). */
  kind: 'session' | 'personal'
  label: string | null
  createdAt: string
  expiresAt: string | null
  revokedAt: string | null
}

export interface IdentityTables {
  users: UsersTable
  roleGrants: RoleGrantsTable
  authTokens: AuthTokensTable
}

export type UserRow = Selectable<UsersTable>
export type AuthTokenRow = Selectable<AuthTokensTable>
