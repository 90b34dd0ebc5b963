import type { AuditActor, AuditRecord } from '../../platform/audit-trail.js'
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

/** Roles that only make sense network-wide. */
export const NETWORK_ONLY_ROLES: readonly Role[] = ['coordinator']
/** Roles that only make sense for one office. */
export const OFFICE_ONLY_ROLES: readonly Role[] = [
  'manager',
  'consultant',
  'chancellery',
  'officer',
  'head',
  'kiosk',
]

/** Roles a grant may narrow to one unit of its office (the unit's correspondence and cases). */
export const UNIT_ROLES: readonly Role[] = ['officer', 'head']

/**
 * A role held network-wide (`officeId: null`) or for one office; `officer` and `head` may hold it for
 * one unit of that office (`unitId`). A unit grant still counts as a grant in its office for what has
 * no unit (reading the office, its service cards); records with a unit ask `rules.unit`.
 */
export interface RoleGrant {
  role: Role
  officeId: string | null
  /** One unit of `officeId`; null or absent: the whole office. */
  unitId?: string | null
}

/** Who is acting: a staff user, a device (kiosk, board), or the system itself. */
export interface Actor {
  kind: 'user' | 'device' | 'system'
  id: string
  login: string
  grants: readonly RoleGrant[]
  /** The request this actor acts in, for the audit log. */
  requestId?: string
  /** Set when the only thing this sign-in may do is set up its second factor. */
  mustSetUpTotp?: boolean
}

export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  id: 'system',
  login: 'system',
  grants: [{ role: 'admin', officeId: null }],
}

/** How the audit log names an actor. */
export function auditActorOf(actor: Actor | null): AuditActor {
  if (!actor) return { type: 'anonymous', id: null, login: null }
  return { type: actor.kind, id: actor.kind === 'system' ? null : actor.id, login: actor.login }
}

/** An audit entry by this actor, carrying the id of the request it acted in. */
export function auditRecordBy(
  actor: Actor | null,
  what: Omit<AuditRecord, 'actor' | 'requestId'>,
): AuditRecord {
  return { ...what, actor: auditActorOf(actor), requestId: actor?.requestId ?? null }
}

/** A module's rights as data: each action lists the roles that may take it. Anything unlisted is denied. */
export type Policy = Record<string, readonly Role[]>

/**
 * Where an action applies, always said: an office's id, or `ANY_OFFICE` where a grant of the role in
 * any office will do (network resources such as service cards, and lists that are then cut down to
 * the offices the actor sees). There is no default, so no route grants "any office" by omission.
 */
export const ANY_OFFICE: unique symbol = Symbol('any office')
export type Scope = string | typeof ANY_OFFICE

/** True when a grant of one of `roles` covers `scope` (a network-wide grant covers every office). */
export function isAllowed(actor: Actor, roles: readonly Role[], scope: Scope): boolean {
  return actor.grants.some(
    (g) => roles.includes(g.role) && (g.officeId === null || scope === ANY_OFFICE || g.officeId === scope),
  )
}

/** Network-wide grant of one of `roles`. */
export function isAllowedNetworkWide(actor: Actor, roles: readonly Role[]): boolean {
  return actor.grants.some((g) => roles.includes(g.role) && g.officeId === null)
}

export function assertAllowed(actor: Actor, roles: readonly Role[], scope: Scope): void {
  if (!isAllowed(actor, roles, scope)) throw forbidden()
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
