import { type Actor, isAllowed, isAllowedNetworkWide, type Role, type RoleGrant } from './roles.js'

/**
 * What a rule may look at in a record: its office, always (null for the network's own records, which
 * only network-wide grants reach), and, where the record has them, its assignee and the staff it was
 * shared with explicitly, and its unit (a grant for one unit reaches only that unit's records).
 */
export interface Governed {
  officeId: string | null
  /** The unit of the office the record belongs to (a letter assigned to it, a case), if any. */
  unitId?: string | null
  assigneeId?: string | null
  sharedWith?: readonly string[]
}

/** A rule over the actor and one record, in the manner of Outline's `allow()` policies. */
export type Rule = (actor: Actor, record: Governed) => boolean

export const rules = {
  /** A grant of one of `roles` for the record's office, or network-wide. */
  role:
    (...roles: Role[]): Rule =>
    (actor, record) =>
      record.officeId === null
        ? isAllowedNetworkWide(actor, roles)
        : isAllowed(actor, roles, record.officeId),
  /**
   * A grant of one of `roles` that reaches the record's unit: network-wide, office-wide, or for that
   * very unit. A record without a unit is reached only by the office-wide and network-wide grants.
   */
  unit:
    (...roles: Role[]): Rule =>
    (actor, record) =>
      actor.grants.some(
        (g) =>
          roles.includes(g.role) &&
          (g.officeId === null ||
            (g.officeId === record.officeId && (!g.unitId || g.unitId === record.unitId))),
      ),
  /** The record is in the actor's hands (a ticket at their desk, a case they handle). */
  assignee: (): Rule => (actor, record) => !!record.assigneeId && record.assigneeId === actor.id,
  /** The record was shared with the actor by name. */
  sharedWith: (): Rule => (actor, record) => record.sharedWith?.includes(actor.id) ?? false,
  any:
    (...any: Rule[]): Rule =>
    (actor, record) =>
      any.some((rule) => rule(actor, record)),
  all:
    (...all: Rule[]): Rule =>
    (actor, record) =>
      all.every((rule) => rule(actor, record)),
}

export function allow(actor: Actor, rule: Rule, record: Governed): boolean {
  return rule(actor, record)
}

/**
 * How much of an office's records with units `roles` let the actor see: `office` (a network-wide or
 * office-wide grant), the ids of the units granted one by one, or none (an empty list). For lists,
 * which then also add what is assigned to the actor.
 */
export function unitsVisibleTo(actor: Actor, roles: readonly Role[], officeId: string): 'office' | string[] {
  const grants = actor.grants.filter(
    (g) => roles.includes(g.role) && (g.officeId === null || g.officeId === officeId),
  )
  if (grants.some((g) => !g.unitId)) return 'office'
  return [...new Set(grants.map((g) => g.unitId as string))]
}

/** Whether someone's grants (not the actor's: an assignee being chosen) reach a unit under `roles`. */
export function grantsReachUnit(
  grants: readonly RoleGrant[] | null,
  roles: readonly Role[],
  record: { officeId: string; unitId: string },
): boolean {
  if (!grants) return false
  return rules.unit(...roles)({ kind: 'user', id: '', login: '', grants }, record)
}
