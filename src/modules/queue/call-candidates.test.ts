import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import { describeEachDatabase, freshDatabase } from '../../../test/support/databases.js'
import { withTables } from '../../platform/db/index.js'
import { chooseNext, type FairnessPolicy } from './queue.fairness.js'
import * as repo from './queue.repository.js'
import type { QueueTables } from './queue.tables.js'

/** A seeded pseudo-random sequence: the same mixes on every run. */
function random(seed: number) {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s / 2 ** 31
  }
}

const DAY = '2026-12-01'
const NOW = new Date('2026-12-01T12:00:00.000Z')
const POLICIES: FairnessPolicy[] = [
  { maxPriorityInRow: null, maxWaitMinutes: null },
  { maxPriorityInRow: 2, maxWaitMinutes: null },
  { maxPriorityInRow: 1, maxWaitMinutes: 90 },
]

describeEachDatabase('call-next reads only the tickets its policy could pick', (dialect) => {
  it('chooses as it would over every waiting ticket, over 60 random mixes of queues, priorities, bookings and reserved desks', async () => {
    const database = await freshDatabase(dialect)
    const db = withTables<QueueTables>(database.db)
    const next = random(dialect === 'sqlite' ? 7 : 11)
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
    for (let round = 0; round < 60; round++) {
      const queues = Array.from({ length: 1 + Math.floor(next() * 3) }, () => randomUUID())
      const desk = randomUUID()
      const otherDesk = randomUUID()
      const rows = Array.from({ length: Math.floor(next() * 40) }, (_, i) => {
        const arrived = new Date(NOW.getTime() - Math.floor(next() * 180) * 60_000).toISOString()
        const booked = next() < 0.2
        return {
          id: randomUUID(),
          officeId: 'office',
          queueId: pick(queues),
          numberQueueId: `n-${round}`,
          localDate: next() < 0.9 ? DAY : '2026-11-30',
          number: i + 1,
          display: `A${i + 1}`,
          status: next() < 0.8 ? ('waiting' as const) : ('called' as const),
          priority: next() < 0.25 ? pick(['pregnant', 'disability', 'veteran']) : 'none',
          channel: 'kiosk',
          appointmentId: booked ? randomUUID() : null,
          callableFrom:
            booked || next() < 0.1
              ? new Date(NOW.getTime() + (next() - 0.6) * 3_600_000).toISOString()
              : null,
          arrivedAt: arrived,
          issuedAt: arrived,
          reservedDeskId: next() < 0.1 ? pick([desk, otherDesk]) : null,
          recallCount: 0,
          transferCount: 0,
          calledOutOfOrder: 0,
        }
      })
      if (rows.length) await db.insertInto('tickets').values(rows).execute()
      const at = NOW.toISOString()
      const everything = (await repo.waitingIn(db, DAY, queues))
        .filter((t) => t.callableFrom === null || t.callableFrom <= at)
        .filter((t) => t.reservedDeskId === null || t.reservedDeskId === desk)
      const few = await repo.callableIn(db, DAY, queues, at, desk)
      expect(few.length).toBeLessThanOrEqual(everything.length)
      const weights = new Map(queues.map((q, i) => [q, i + 1]))
      const asCandidates = (list: typeof few) =>
        list.map((t) => ({
          id: t.id,
          queueId: t.queueId,
          priority: t.priority,
          arrivedAt: t.arrivedAt,
          bookedFor: t.appointmentId ? t.callableFrom : null,
        }))
      for (const policy of POLICIES)
        for (const streak of [0, 1, 3])
          for (const w of [new Map<string, number>(), weights])
            expect(chooseNext(asCandidates(few), policy, streak, NOW, w), `round ${round}`).toEqual(
              chooseNext(asCandidates(everything), policy, streak, NOW, w),
            )
    }
  })
})
