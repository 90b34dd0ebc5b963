import { describe, expect, it } from 'vitest'
import type { Actor } from './roles.js'
import { allow, rules, unitsVisibleTo } from './rules.js'

const actor = (id: string, grants: Actor['grants']): Actor => ({ kind: 'user', id, login: id, grants })
const clerk = actor('clerk', [{ role: 'consultant', officeId: 'lviv' }])
const manager = actor('boss', [{ role: 'manager', officeId: 'lviv' }])
const admin = actor('root', [{ role: 'admin', officeId: null }])
const passOn = rules.any(rules.assignee(), rules.role('admin', 'manager'))

describe('rules over the actor and the record', () => {
  it('lets the assignee or an office manager pass a record on, and no one else', () => {
    const atClerksDesk = { officeId: 'lviv', assigneeId: 'clerk' }
    expect(allow(clerk, passOn, atClerksDesk)).toBe(true)
    expect(allow(manager, passOn, atClerksDesk)).toBe(true)
    expect(allow(admin, passOn, atClerksDesk)).toBe(true)
    expect(allow(actor('other', [{ role: 'consultant', officeId: 'lviv' }]), passOn, atClerksDesk)).toBe(
      false,
    )
    // A manager of another office is not one of this office.
    expect(allow(actor('x', [{ role: 'manager', officeId: 'lublin' }]), passOn, atClerksDesk)).toBe(false)
    // No assignee: nobody is one by default.
    expect(allow(clerk, rules.assignee(), { officeId: 'lviv', assigneeId: null })).toBe(false)
  })

  it('reaches the network’s own records only with network-wide grants', () => {
    const network = { officeId: null }
    expect(allow(admin, rules.role('admin'), network)).toBe(true)
    expect(allow(actor('a', [{ role: 'admin', officeId: 'lviv' }]), rules.role('admin'), network)).toBe(false)
  })

  it('combines rules: shared by name and of the office', () => {
    const shared = { officeId: 'lviv', sharedWith: ['clerk'] }
    const both = rules.all(rules.sharedWith(), rules.role('consultant'))
    expect(allow(clerk, both, shared)).toBe(true)
    expect(allow(actor('clerk', [{ role: 'consultant', officeId: 'lublin' }]), both, shared)).toBe(false)
    expect(allow(manager, both, shared)).toBe(false)
  })

  it('lets a unit grant reach its own unit only, and an office-wide grant every unit', () => {
    const handles = rules.unit('officer', 'head')
    const ofUnitA = { officeId: 'lublin', unitId: 'A' }
    const officerOfA = actor('a', [{ role: 'officer', officeId: 'lublin', unitId: 'A' }])
    const officerOfOffice = actor('o', [{ role: 'officer', officeId: 'lublin', unitId: null }])
    expect(allow(officerOfA, handles, ofUnitA)).toBe(true)
    expect(allow(officerOfA, handles, { officeId: 'lublin', unitId: 'B' })).toBe(false)
    // A letter no unit has yet is the office's: a unit grant does not reach it.
    expect(allow(officerOfA, handles, { officeId: 'lublin', unitId: null })).toBe(false)
    expect(allow(officerOfOffice, handles, { officeId: 'lublin', unitId: 'B' })).toBe(true)
    expect(allow(officerOfOffice, handles, { officeId: 'lviv', unitId: 'B' })).toBe(false)
    // The unit's id alone is not enough: the grant must be for that office too.
    expect(allow(actor('x', [{ role: 'officer', officeId: 'lviv', unitId: 'A' }]), handles, ofUnitA)).toBe(
      false,
    )
    expect(allow(admin, rules.unit('admin'), ofUnitA)).toBe(true)
  })

  it('tells which units of an office a list shows', () => {
    const twoUnits = actor('t', [
      { role: 'officer', officeId: 'lublin', unitId: 'A' },
      { role: 'head', officeId: 'lublin', unitId: 'B' },
      { role: 'officer', officeId: 'lviv', unitId: 'C' },
    ])
    expect(unitsVisibleTo(twoUnits, ['officer', 'head'], 'lublin')).toEqual(['A', 'B'])
    expect(unitsVisibleTo(twoUnits, ['officer'], 'lublin')).toEqual(['A'])
    expect(unitsVisibleTo(twoUnits, ['officer', 'head'], 'krakow')).toEqual([])
    expect(unitsVisibleTo(admin, ['admin'], 'lublin')).toBe('office')
    expect(unitsVisibleTo(actor('o', [{ role: 'head', officeId: 'lublin' }]), ['head'], 'lublin')).toBe(
      'office',
    )
  })
})
