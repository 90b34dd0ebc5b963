import { conflict } from '../../platform/errors.js'

export const CASE_STATUSES = [
  'registered',
  'assigned',
  'in-progress',
  'suspended',
  'awaiting-approval',
  'approved',
  'dispatched',
  'closed',
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

interface Step {
  from: readonly CaseStatus[]
  /** The status after the step; `same`: it stays (a reassignment mid-way). */
  to: CaseStatus | 'same'
  /** A reason must be given (kept in the case's history). */
  reason?: true
  doc: string
}

/**
 * A case's life: `registered → assigned → in-progress ⇄ suspended → awaiting-approval → approved →
 * dispatched → closed`, `reopen` with a reason. The one table the service checks, the case page's
 * buttons read and the records guide shows; who may take a step is `caseRules`' business.
 */
export const CASE_TRANSITIONS = {
  assign: {
    from: ['registered', 'assigned', 'in-progress', 'suspended'],
    to: 'same',
    doc: 'give it to an officer of the unit',
  },
  start: { from: ['assigned'], to: 'in-progress', doc: 'the officer starts work' },
  suspend: {
    from: ['in-progress'],
    to: 'suspended',
    reason: true,
    doc: 'proceedings suspended, with the reason',
  },
  resume: { from: ['suspended'], to: 'in-progress', doc: 'proceedings resumed' },
  submit: { from: ['in-progress'], to: 'awaiting-approval', doc: 'the draft goes to the head' },
  approve: { from: ['awaiting-approval'], to: 'approved', doc: 'the head approves (signs)' },
  return: {
    from: ['awaiting-approval'],
    to: 'in-progress',
    reason: true,
    doc: 'the head sends it back, with the reason',
  },
  dispatch: { from: ['approved'], to: 'dispatched', doc: 'the answer has left' },
  close: { from: ['approved', 'dispatched'], to: 'closed', doc: 'the case is done' },
  reopen: { from: ['closed'], to: 'in-progress', reason: true, doc: 'opened again, with the reason' },
} as const satisfies Record<string, Step>

export type CaseAction = keyof typeof CASE_TRANSITIONS

/** The steps a case in this state allows, in the table's order. */
export function caseActionsFrom(status: string): CaseAction[] {
  return (Object.keys(CASE_TRANSITIONS) as CaseAction[]).filter((a) =>
    (CASE_TRANSITIONS[a].from as readonly string[]).includes(status),
  )
}

/** The status after `action`; 409 `CASE_STATE` (or `CASE_CLOSED`) when the case's state does not allow it. */
export function caseTransition(c: { status: string; sign: string }, action: CaseAction): CaseStatus {
  const step: Step = CASE_TRANSITIONS[action]
  if (!step.from.includes(c.status as CaseStatus)) {
    if (c.status === 'closed')
      throw conflict('CASE_CLOSED', 'Case is closed', `Case ${c.sign} is closed: reopen it first.`)
    throw conflict(
      'CASE_STATE',
      `A case ${c.status} cannot be taken this step (${action})`,
      `Case ${c.sign} is ${c.status}; ${action} needs ${step.from.join(' or ')}.`,
    )
  }
  return step.to === 'same' ? (c.status === 'registered' ? 'assigned' : (c.status as CaseStatus)) : step.to
}

/** The table as Markdown, for docs/records.md. */
export function caseTransitionsMarkdown(): string {
  const rows = (Object.keys(CASE_TRANSITIONS) as CaseAction[]).map((a) => {
    const t: Step = CASE_TRANSITIONS[a]
    return `| \`${a}\` | ${t.from.join(', ')} | ${t.to === 'same' ? 'assigned (from registered), otherwise unchanged' : t.to} | ${t.doc}${t.reason ? ' (reason required)' : ''} |`
  })
  return ['| step | from | to | meaning |', '|---|---|---|---|', ...rows].join('\n')
}
