import { conflict } from '../../platform/errors.js'
import type { Direction } from './registry.schemas.js'

interface Transition {
  from: readonly string[]
  /** The status after it; null: it stays as it was. */
  to: string | null
  doc: string
}

/**
 * What can happen to a register entry, from which states, per register: the one table the service
 * checks, the chancellery's buttons read and the records guide shows. An entry is never deleted;
 * `void` keeps it in its place with the reason.
 */
export const ENTRY_TRANSITIONS = {
  incoming: {
    edit: { from: ['registered', 'assigned'], to: null, doc: 'correct a field (a new version)' },
    assign: { from: ['registered', 'assigned'], to: 'assigned', doc: 'give it to a unit or an officer' },
    file: { from: ['registered', 'assigned'], to: null, doc: 'add a scan or an attachment' },
    void: { from: ['registered', 'assigned'], to: 'voided', doc: 'a mistaken entry, kept with its reason' },
  },
  outgoing: {
    edit: { from: ['registered'], to: null, doc: 'correct a field before it leaves' },
    file: { from: ['registered', 'dispatched', 'delivered'], to: null, doc: 'add the letter or a receipt' },
    void: { from: ['registered'], to: 'voided', doc: 'a mistaken entry, kept with its reason' },
    dispatch: { from: ['registered'], to: 'dispatched', doc: 'sent, with the method and tracking number' },
    deliver: { from: ['dispatched'], to: 'delivered', doc: 'delivery confirmed, with the return receipt' },
  },
} as const satisfies Record<Direction, Record<string, Transition>>

const table = (direction: Direction) => ENTRY_TRANSITIONS[direction] as Record<string, Transition>

/** The actions an entry in this state allows, in the table's order. */
export function entryActionsFrom(direction: Direction, status: string): string[] {
  return Object.entries(table(direction))
    .filter(([, t]) => t.from.includes(status))
    .map(([action]) => action)
}

/** The status an action leaves the entry in; refuses (409 `ENTRY_STATE`) what its state does not allow. */
export function transition(
  entry: { direction: Direction; status: string; number: string },
  action: string,
): string {
  const t = table(entry.direction)[action]
  if (!t?.from.includes(entry.status))
    throw conflict(
      'ENTRY_STATE',
      `A ${entry.status} ${entry.direction} entry does not allow this (${action})`,
      `Entry ${entry.number} is ${entry.status}; ${action} needs ${t?.from.join(' or ') ?? 'another register'}.`,
    )
  return t.to ?? entry.status
}

/** The tables as Markdown, for docs/records.md. */
export function entryTransitionsMarkdown(direction: Direction): string {
  const rows = Object.entries(table(direction)).map(
    ([action, t]) => `| \`${action}\` | ${t.from.join(', ')} | ${t.to ?? 'unchanged'} | ${t.doc} |`,
  )
  return ['| action | from | to | meaning |', '|---|---|---|---|', ...rows].join('\n')
}
