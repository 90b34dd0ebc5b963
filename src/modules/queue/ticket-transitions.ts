import { conflict } from '../../platform/errors.js'
import type { TicketStatus } from './queue.schemas.js'

/**
 * What can happen to a ticket, from which states, and the state it leaves the ticket in: the one
 * table the desk actions check, the desk console's buttons read, and docs/architecture.md shows
 * (a test keeps the docs' table equal to this one). Who may act (the clerk at the desk, a manager) is
 * decided by the action itself, after this.
 */
export const TICKET_TRANSITIONS = {
  call: { from: ['waiting'], to: ['called'], verb: 'called', doc: 'called to a desk, next or out of turn' },
  recall: { from: ['called'], to: ['called'], verb: 'recalled', doc: 'announced again' },
  start: { from: ['called'], to: ['serving'], verb: 'started', doc: 'the resident is at the desk' },
  finish: { from: ['called', 'serving'], to: ['served'], verb: 'finished', doc: 'served' },
  'no-show': { from: ['called'], to: ['no-show'], verb: 'marked a no-show', doc: 'did not come' },
  park: { from: ['called', 'serving'], to: ['parked'], verb: 'parked', doc: 'put aside at the desk' },
  resume: {
    from: ['parked'],
    to: ['called', 'serving'],
    verb: 'resumed',
    doc: 'back at the desk where it left off',
  },
  reactivate: {
    from: ['no-show'],
    to: ['waiting'],
    verb: 'reactivated',
    doc: 'waits again with its arrival time, within the window',
  },
  transfer: {
    from: ['waiting', 'called', 'serving', 'parked'],
    to: ['waiting'],
    verb: 'transferred',
    doc: 'to another queue or desk, keeping number and arrival',
  },
} as const satisfies Record<
  string,
  { from: readonly TicketStatus[]; to: readonly TicketStatus[]; verb: string; doc: string }
>

export type TicketAction = keyof typeof TICKET_TRANSITIONS

/** The actions a ticket in this state allows, in the table's order. */
export function actionsFrom(status: string): TicketAction[] {
  return (Object.keys(TICKET_TRANSITIONS) as TicketAction[]).filter((action) =>
    (TICKET_TRANSITIONS[action].from as readonly string[]).includes(status),
  )
}

/** Refuses (409 `TICKET_STATE`) an action the ticket's state does not allow. */
export function assertTransition(ticket: { status: string; display: string }, action: TicketAction): void {
  if (actionsFrom(ticket.status).includes(action)) return
  throw conflict(
    'TICKET_STATE',
    `A ${ticket.status} ticket cannot be ${TICKET_TRANSITIONS[action].verb}`,
    `Ticket ${ticket.display} is ${ticket.status}.`,
  )
}

/** The table as Markdown, for docs/architecture.md. */
export function transitionsMarkdown(): string {
  const rows = (Object.keys(TICKET_TRANSITIONS) as TicketAction[]).map((action) => {
    const t = TICKET_TRANSITIONS[action]
    return `| \`${action}\` | ${t.from.join(', ')} | ${t.to.join(' or ')} | ${t.doc} |`
  })
  return ['| action | from | to | meaning |', '|---|---|---|---|', ...rows].join('\n')
}
