import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Candidate, chooseNext, type FairnessPolicy } from './queue.fairness.js'

const START = Date.parse('2026-11-30T08:00:00Z')

/** Waiting tickets: a priority or none, arrivals within an hour, some booked. */
const candidates = fc
  .array(
    fc.record({
      priority: fc.constantFrom('none', 'none', 'none', 'disability', 'pregnancy'),
      arrivedMinute: fc.integer({ min: 0, max: 60 }),
      queue: fc.constantFrom('A', 'B'),
      booked: fc.boolean(),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((list) =>
    list.map(
      (t, i): Candidate => ({
        id: `t${String(i).padStart(2, '0')}`,
        queueId: t.queue,
        priority: t.priority,
        arrivedAt: new Date(START + t.arrivedMinute * 60_000).toISOString(),
        bookedFor: t.booked && i % 3 === 0 ? new Date(START + t.arrivedMinute * 60_000).toISOString() : null,
      }),
    ),
  )

/** Calls until nobody waits, as a desk would: the chosen ticket leaves, the streak carries on. */
function callAll(waiting: Candidate[], policy: FairnessPolicy, weights = new Map<string, number>()) {
  let left = [...waiting]
  let streak = 0
  const calls: { ticket: Candidate; normalsWaiting: number; streak: number }[] = []
  const now = new Date(START + 90 * 60_000)
  while (left.length > 0) {
    const choice = chooseNext(left, policy, streak, now, weights)
    if (!choice) throw new Error('nothing chosen while tickets wait')
    const ticket = left.find((t) => t.id === choice.ticketId)
    if (!ticket) throw new Error(`chose ${choice.ticketId}, which is not waiting`)
    calls.push({
      ticket,
      normalsWaiting: left.filter((t) => t.priority === 'none').length,
      streak: choice.streak,
    })
    streak = choice.streak
    left = left.filter((t) => t.id !== ticket.id)
  }
  return calls
}

describe('the fairness policy, for any queue of waiting tickets (property tests)', () => {
  it('calls every waiting ticket exactly once', () => {
    fc.assert(
      fc.property(candidates, fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), (waiting, limit) => {
        const calls = callAll(waiting, { maxPriorityInRow: limit, maxWaitMinutes: null })
        expect(calls.map((c) => c.ticket.id).sort()).toEqual(waiting.map((t) => t.id).sort())
      }),
    )
  })

  it('never makes more priority calls in a row than the limit while normal tickets wait', () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: 1, max: 5 }), (waiting, limit) => {
        let inRow = 0
        for (const call of callAll(waiting, { maxPriorityInRow: limit, maxWaitMinutes: null })) {
          inRow = call.ticket.priority !== 'none' && call.normalsWaiting > 0 ? inRow + 1 : 0
          expect(inRow).toBeLessThanOrEqual(limit)
        }
      }),
    )
  })

  it('with a maximum wait, calls an overdue ticket before any that is not', () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: 31, max: 89 }), (waiting, cap) => {
        const now = new Date(START + 90 * 60_000)
        const choice = chooseNext(waiting, { maxPriorityInRow: 2, maxWaitMinutes: cap }, 0, now)!
        const overdue = (t: Candidate) => Date.parse(t.arrivedAt) <= now.getTime() - cap * 60_000
        const chosen = waiting.find((t) => t.id === choice.ticketId)!
        if (waiting.some(overdue)) expect(overdue(chosen)).toBe(true)
      }),
    )
  })

  it('calls walk-ins of equal standing and equal weights in order of arrival', () => {
    fc.assert(
      fc.property(candidates, (waiting) => {
        const walkIns = waiting.map((t) => ({ ...t, priority: 'none', bookedFor: null }))
        const order = callAll(walkIns, { maxPriorityInRow: null, maxWaitMinutes: null }).map((c) => c.ticket)
        const arrivals = order.map((t) => `${t.arrivedAt}|${t.id}`)
        expect(arrivals).toEqual([...arrivals].sort())
      }),
    )
  })
})
