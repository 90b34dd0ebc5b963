/**
 * The fairness policy of call-next (README, "front office"; docs/architecture.md). Pure: given the
 * tickets a desk may call, the office's policy, the desk's run of priority calls and the time, it
 * names the ticket to call and why.
 */

export interface FairnessPolicy {
  /** Priority calls in a row while normal tickets wait; null: no limit. */
  maxPriorityInRow: number | null
  /** Minutes after which any ticket goes first; null: no cap. */
  maxWaitMinutes: number | null
}

/** The desk's weight per queue (absent: 1). */
export type QueueWeights = ReadonlyMap<string, number>

export interface Candidate {
  id: string
  /** The queue it waits in: the desk's weight for that queue applies. */
  queueId: string
  priority: string
  /** Original arrival (kept through transfers and reactivation). */
  arrivedAt: string
  /** A booking's time: callable from then on, before walk-ins of equal standing. */
  bookedFor: string | null
}

export type CallReason =
  | 'max-wait'
  | 'priority'
  | 'priority-limit'
  | 'appointment'
  | 'oldest'
  | 'queue-weight'

export interface Choice {
  ticketId: string
  reason: CallReason
  /** The desk's run of priority calls made while normal tickets waited, after this call. */
  streak: number
}

const byArrival = (a: Candidate, b: Candidate) =>
  a.arrivedAt < b.arrivedAt ? -1 : a.arrivedAt > b.arrivedAt ? 1 : a.id < b.id ? -1 : 1

/**
 * Due bookings first (by booked time), then walk-ins: the oldest arrival, or, when the desk weighs its
 * queues differently, the largest waiting time × weight (`weighted` says the weights changed the pick).
 */
function first(
  tickets: Candidate[],
  weights: QueueWeights,
  now: Date,
): { ticket: Candidate; booked: boolean; weighted: boolean } | null {
  const booked = tickets.filter((t) => t.bookedFor !== null)
  if (booked.length > 0) {
    const ticket = [...booked].sort((a, b) =>
      a.bookedFor! < b.bookedFor! ? -1 : a.bookedFor! > b.bookedFor! ? 1 : byArrival(a, b),
    )[0]!
    return { ticket, booked: true, weighted: false }
  }
  const oldest = [...tickets].sort(byArrival)[0]
  if (!oldest) return null
  const weightOf = (t: Candidate) => weights.get(t.queueId) ?? 1
  if (tickets.every((t) => weightOf(t) === weightOf(oldest)))
    return { ticket: oldest, booked: false, weighted: false }
  const score = (t: Candidate) => (now.getTime() - Date.parse(t.arrivedAt)) * weightOf(t)
  const ticket = tickets.reduce((best, t) => {
    const d = score(t) - score(best)
    return d > 0 || (d === 0 && byArrival(t, best) < 0) ? t : best
  }, oldest)
  return { ticket, booked: false, weighted: ticket.id !== oldest.id }
}

/**
 * Picks the next ticket. `callable` holds only tickets the desk may call now (its queues, today,
 * bookings whose time has come).
 */
export function chooseNext(
  callable: Candidate[],
  policy: FairnessPolicy,
  streak: number,
  now: Date,
  weights: QueueWeights = new Map(),
): Choice | null {
  if (callable.length === 0) return null
  const priority = callable.filter((t) => t.priority !== 'none')
  const normal = callable.filter((t) => t.priority === 'none')
  const nextStreak = (picked: Candidate) => (picked.priority !== 'none' && normal.length > 0 ? streak + 1 : 0)

  if (policy.maxWaitMinutes !== null) {
    const cap = now.getTime() - policy.maxWaitMinutes * 60_000
    const overdue = callable.filter((t) => Date.parse(t.arrivedAt) <= cap).sort(byArrival)
    if (overdue[0]) return { ticketId: overdue[0].id, reason: 'max-wait', streak: nextStreak(overdue[0]) }
  }

  const limitReached =
    policy.maxPriorityInRow !== null && normal.length > 0 && streak >= policy.maxPriorityInRow
  if (priority.length > 0 && !limitReached) {
    const pick = first(priority, weights, now)!
    return { ticketId: pick.ticket.id, reason: 'priority', streak: nextStreak(pick.ticket) }
  }
  const pick = first(normal, weights, now)!
  return {
    ticketId: pick.ticket.id,
    reason:
      priority.length > 0
        ? 'priority-limit'
        : pick.booked
          ? 'appointment'
          : pick.weighted
            ? 'queue-weight'
            : 'oldest',
    streak: 0,
  }
}
