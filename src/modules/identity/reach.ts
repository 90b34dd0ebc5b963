import type { Actor, Role } from './roles.js'

/**
 * Where a list may look for records with offices and units, for `roles`: everywhere (a network-wide
 * grant), in whole offices, or in single units. A query then adds what is the actor's own
 * (assigned to them, shared with them).
 */
export interface Reach {
  everywhere: boolean
  offices: string[]
  units: string[]
}

export function reachOf(actor: Actor, roles: readonly Role[]): Reach {
  const grants = actor.grants.filter((g) => roles.includes(g.role))
  return {
    everywhere: grants.some((g) => g.officeId === null),
    offices: [
      ...new Set(grants.filter((g) => g.officeId !== null && !g.unitId).map((g) => g.officeId as string)),
    ],
    units: [...new Set(grants.filter((g) => g.officeId !== null && g.unitId).map((g) => g.unitId as string))],
  }
}
