import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { actionsFrom, assertTransition, transitionsMarkdown } from './ticket-transitions.js'

describe('the ticket transition table', () => {
  it('lets a called ticket be started, recalled, finished, marked a no-show, parked or transferred', () => {
    expect(actionsFrom('called')).toEqual(['recall', 'start', 'finish', 'no-show', 'park', 'transfer'])
    expect(actionsFrom('served')).toEqual([])
    expect(actionsFrom('expired')).toEqual([])
  })

  it('refuses what a state does not allow, naming the state', () => {
    expect(() => assertTransition({ status: 'served', display: 'A001' }, 'recall')).toThrow(
      expect.objectContaining({
        code: 'TICKET_STATE',
        status: 409,
        title: 'A served ticket cannot be recalled',
      }),
    )
    expect(() => assertTransition({ status: 'parked', display: 'A001' }, 'resume')).not.toThrow()
  })

  it('is the table docs/architecture.md shows', () => {
    const docs = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'architecture.md'), 'utf8')
    expect(docs).toContain(transitionsMarkdown())
  })
})
