import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { describeEachDatabase } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { problemOf, testApp } from '../support/test-app.js'

const MINUTE = 60_000

describeEachDatabase('desk weights and queue statistics', (dialect) => {
  async function office() {
    const clock = new FixedClock('2026-11-25T15:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    const put = (url: string, payload: object) =>
      app.inject({ method: 'PUT', url, headers: q.bearers.manager, payload })
    return { app, q, clock, put }
  }

  it('lets a desk prefer a queue by weight: waiting time × weight, and says so', async () => {
    const { q, clock, put } = await office()
    const res = await put(`/api/v1/desks/${q.desks.desk1}/queues`, {
      queueIds: [q.queues.A, q.queues.B],
      weights: { [q.queues.A]: 3 },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().weights).toEqual({ [q.queues.A]: 3, [q.queues.B]: 1 })

    const b = await q.issue({ queueId: q.queues.B })
    clock.advance(3 * MINUTE)
    const a = await q.issue({ queueId: q.queues.A })
    clock.advance(2 * MINUTE)
    // B waited 5 min × 1, A 2 min × 3: A goes first although B came earlier.
    await q.open(q.desks.desk1, q.bearers.consultant)
    const first = await q.callNext(q.desks.desk1, q.bearers.consultant)
    expect([first?.id, first?.reason]).toEqual([a.id, 'queue-weight'])
    const second = await q.callNext(q.desks.desk1, q.bearers.consultant)
    expect([second?.id, second?.reason]).toEqual([b.id, 'oldest'])
  })

  it('refuses weights out of range or for a queue the desk does not serve, naming the field', async () => {
    const { q, put } = await office()
    const notServed = await put(`/api/v1/desks/${q.desks.desk1}/queues`, {
      queueIds: [q.queues.A],
      weights: { [q.queues.B]: 2 },
    })
    expect(notServed.statusCode).toBe(422)
    expect(problemOf(notServed).errors?.map((e) => e.path)).toEqual([`body.weights.${q.queues.B}`])
    const tooHeavy = await put(`/api/v1/desks/${q.desks.desk1}/queues`, {
      queueIds: [q.queues.A],
      weights: { [q.queues.A]: 11 },
    })
    expect(tooHeavy.statusCode).toBe(422)
    expect(problemOf(tooHeavy).errors?.[0]?.path).toContain('body.weights')
  })

  it('keeps the wait each resident was told and reports how good the estimates were', async () => {
    const { app, q, clock } = await office()
    await q.open(q.desks.desk1, q.bearers.consultant)
    const told: number[] = []
    for (let i = 0; i < 3; i++) {
      told.push((await q.issue({ queueId: q.queues.A })).estimatedWaitMinutes as number)
      clock.advance(MINUTE)
    }
    // One open desk and no service finished yet today: 5 minutes a person ahead.
    expect(told).toEqual([0, 5, 10])
    clock.advance(MINUTE) // 15:04
    const t1 = await q.callNext(q.desks.desk1, q.bearers.consultant) // waited 4, told 0
    expect((await q.act(t1!.id, 'start', q.bearers.consultant)).statusCode).toBe(200)
    clock.advance(5 * MINUTE) // 15:09: t1 served in 5 minutes
    await q.callNext(q.desks.desk1, q.bearers.consultant) // t2 waited 8, told 5
    clock.advance(11 * MINUTE) // 15:20: t2 only called, a no-show
    await q.callNext(q.desks.desk1, q.bearers.consultant) // t3 waited 18, told 10

    const stats = async (query = '') => {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/offices/${q.officeId}/queue-stats${query}`,
        headers: q.bearers.manager,
      })
      expect(res.statusCode, res.body).toBe(200)
      return res.json().queues.find((s: { queueId: string }) => s.queueId === q.queues.A)
    }
    expect(await stats()).toEqual({
      queueId: q.queues.A,
      prefix: 'A',
      issued: 3,
      served: 1,
      noShow: 1,
      expired: 0,
      open: 1,
      averageWaitMinutes: 10,
      averageServiceMinutes: 5,
      estimates: { measured: 3, meanAbsoluteErrorMinutes: 5, withinFiveMinutes: 0.67, underestimated: 1 },
    })
    // The next day in Lviv the ticket still at the desk counts as expired.
    clock.set('2026-11-25T22:05:00Z')
    const yesterday = await stats('?from=2026-11-25&to=2026-11-25')
    expect([yesterday.issued, yesterday.expired, yesterday.open]).toEqual([3, 1, 0])
    expect((await stats()).issued).toBe(0)
  })

  it('refuses a period that ends before it starts or spans more than 31 days', async () => {
    const { app, q } = await office()
    for (const query of ['?from=2026-11-20&to=2026-11-10', '?from=2026-09-01&to=2026-11-25']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/offices/${q.officeId}/queue-stats${query}`,
        headers: q.bearers.manager,
      })
      expect(res.statusCode).toBe(422)
      expect(problemOf(res).errors?.[0]?.path).toBe('querystring.to')
    }
  })
})
