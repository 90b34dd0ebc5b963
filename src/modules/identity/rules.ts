import { type Actor, isAllowed, isAllowedNetworkWide, type Role } from './roles.js'

/**
 * What a rule may look at in a record: its office, always (null for the network's own records, which
 * only network-wide grants reach), and, where the record has them, its assignee and the staff it was
 * shared with explicitly. Cases add their unit and officer here.
 */
export interface Governed {
  officeId: string | null
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
