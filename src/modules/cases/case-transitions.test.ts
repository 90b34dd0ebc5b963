import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../../platform/project-root.js'
import { caseActionsFrom, caseTransition, caseTransitionsMarkdown } from './case-transitions.js'

describe('case transitions', () => {
  it('walks registered → assigned → in-progress ⇄ suspended → awaiting-approval → approved → dispatched → closed', () => {
    const walk: [string, Parameters<typeof caseTransition>[1], string][] = [
      ['registered', 'assign', 'assigned'],
      ['assigned', 'start', 'in-progress'],
      ['in-progress', 'suspend', 'suspended'],
      ['suspended', 'resume', 'in-progress'],
      ['in-progress', 'submit', 'awaiting-approval'],
      ['awaiting-approval', 'return', 'in-progress'],
      ['awaiting-approval', 'approve', 'approved'],
      ['approved', 'dispatch', 'dispatched'],
      ['dispatched', 'close', 'closed'],
      ['closed', 'reopen', 'in-progress'],
      // A reassignment mid-way keeps the case where it is.
      ['in-progress', 'assign', 'in-progress'],
    ]
    for (const [from, action, to] of walk)
      expect(caseTransition({ status: from, sign: 'OR.0152.1.2026' }, action)).toBe(to)
  })

  it('refuses what the state does not allow: 409, and CASE_CLOSED for a closed case', () => {
    expect(() => caseTransition({ status: 'registered', sign: 'S' }, 'approve')).toThrow(
      expect.objectContaining({ code: 'CASE_STATE', status: 409 }),
    )
    expect(() => caseTransition({ status: 'closed', sign: 'S' }, 'start')).toThrow(
      expect.objectContaining({ code: 'CASE_CLOSED' }),
    )
    expect(caseActionsFrom('closed')).toEqual(['reopen'])
    expect(caseActionsFrom('awaiting-approval')).toEqual(['approve', 'return'])
  })

  it('is the table the records guide shows', () => {
    const docs = readFileSync(join(projectRoot(), 'docs', 'records.md'), 'utf8')
    expect(docs).toContain(caseTransitionsMarkdown())
  })
})
