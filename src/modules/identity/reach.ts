import { type Expression, type SqlBool, sql } from 'kysely'
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

/**
 * The condition that keeps a list's rows within a reach (unless it is everywhere): rows of the whole
 * offices, of the units, assigned to the viewer, or matched by `also` (shared with them by name).
 * Columns are named as the table's row type names them (`officeId`).
 */
export function withinReach(
  reach: { offices: readonly string[]; units: readonly string[]; viewerId: string },
  columns: { office: string; unit: string; assignee: string },
  also: Expression<SqlBool>[] = [],
): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [
    sql<SqlBool>`${sql.ref(columns.assignee)} = ${reach.viewerId}`,
    ...also,
  ]
  if (reach.offices.length > 0)
    parts.unshift(sql<SqlBool>`${sql.ref(columns.office)} in (${sql.join(reach.offices)})`)
  if (reach.units.length > 0)
    parts.unshift(sql<SqlBool>`${sql.ref(columns.unit)} in (${sql.join(reach.units)})`)
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`
}
