import { forbidden } from '../../platform/errors.js'

export const ROLES = [
  'admin',
  'coordinator',
  'manager',
  'consultant',
  'chancellery',
  'officer',
  'head',
  'editor',
  'kiosk',
] as const
export type Role = (typeof ROLES)[number]

/** A role held network-wide (`officeId: null`) or for one office. */
export interface RoleGrant {
  role: Role
  officeId: string | null
}

/** Who is acting: a staff user, a device, or the system itself. */
export interface Actor {
  kind: 'user' | 'system'
  id: string
  login: string
  grants: readonly RoleGrant[]
}

export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  id: 'system',
  login: 'system',
  grants: [{ role: 'admin', officeId: null }],
}

/** A module's rights as data: each action lists the roles that may take it. Anything unlisted is denied. */
export type Policy = Record<string, readonly Role[]>

/** True when a grant of one of `roles` covers `officeId` (or any office, when none is named). */
export function isAllowed(actor: Actor, roles: readonly Role[], officeId?: string): boolean {
  return actor.grants.some(
    (g) =>
      roles.includes(g.role) && (g.officeId === null || officeId === undefined || g.officeId === officeId),
  )
}

export function assertAllowed(actor: Actor, roles: readonly Role[], officeId?: string): void {
  if (!isAllowed(actor, roles, officeId)) throw forbidden()
}

/**
 * The offices whose data `actor` may see under `roles`: null means every office (a network-wide
 * grant), otherwise the ids of the offices granted one by one.
 */
export function officesVisibleTo(actor: Actor, roles: readonly Role[]): string[] | null {
  const grants = actor.grants.filter((g) => roles.includes(g.role))
  if (grants.some((g) => g.officeId === null)) return null
  return [...new Set(grants.map((g) => g.officeId as string))]
}
