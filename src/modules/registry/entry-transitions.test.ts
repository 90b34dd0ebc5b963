import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../../platform/project-root.js'
import { entryActionsFrom, entryTransitionsMarkdown, transition } from './entry-transitions.js'

describe('register entry transitions', () => {
  it('lets a registered letter be corrected, assigned, filed or voided, and a voided one nothing', () => {
    expect(entryActionsFrom('incoming', 'registered')).toEqual(['edit', 'assign', 'file', 'void'])
    expect(entryActionsFrom('incoming', 'voided')).toEqual([])
    expect(entryActionsFrom('outgoing', 'dispatched')).toEqual(['file', 'deliver'])
    expect(transition({ direction: 'outgoing', status: 'dispatched', number: '1/2026' }, 'deliver')).toBe(
      'delivered',
    )
    expect(transition({ direction: 'incoming', status: 'registered', number: 'RPW/1/2026' }, 'edit')).toBe(
      'registered',
    )
    expect(() =>
      transition({ direction: 'outgoing', status: 'delivered', number: '1/2026' }, 'void'),
    ).toThrow(/delivered/)
    // An incoming letter is not dispatched: that is the outgoing register's.
    expect(() =>
      transition({ direction: 'incoming', status: 'registered', number: 'RPW/1/2026' }, 'dispatch'),
    ).toThrow()
  })

  it('is the table the records guide shows', () => {
    const docs = readFileSync(join(projectRoot(), 'docs', 'records.md'), 'utf8')
    expect(docs).toContain(entryTransitionsMarkdown('incoming'))
    expect(docs).toContain(entryTransitionsMarkdown('outgoing'))
  })
})
