import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { describeEachDatabase } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { problemOf, testApp } from '../support/test-app.js'

const MINUTE = 60_000

describeEachDatabase('calling tickets', (dialect) => {
  async function office(clock = new FixedClock('2026-11-25T08:00:00Z')) {
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    return { app, q, clock }
  }

  it('gives the oldest normal ticket after two priority calls, and says why', async () => {
    const { q, clock } = await office()
    await q.policy({ maxPriorityInRow: 2, maxWaitMinutes: null })
    const normal = await q.issue({ queueId: q.queues.A })
    clock.advance(MINUTE)
    for (const priority of ['disability', 'pregnancy', 'small-child']) {
      await q.issue({ queueId: q.queues.A, priority })
      clock.advance(MINUTE)
    }
    await q.open(q.desks.desk1, q.bearers.consultant)
    const calls = []
    for (let i = 0; i < 4; i++) calls.push(await q.callNext(q.desks.desk1, q.bearers.consultant))
    expect(calls.map((t) => [t?.priority, t?.reason])).toEqual([
      ['disability', 'priority'],
      ['pregnancy', 'priority'],
      ['none', 'priority-limit'],
      ['small-child', 'priority'],
    ])
    expect(calls[2]!.id).toBe(normal.id)
    expect(await q.callNext(q.desks.desk1, q.bearers.consultant)).toBeNull()
  })

  it('lets priority go first without limit when the limit is null, and oldest first otherwise', async () => {
    const { q, clock } = await office()
    await q.policy({ maxPriorityInRow: null, maxWaitMinutes: null })
    const first = await q.issue({ queueId: q.queues.A })
    clock.advance(MINUTE)
    const second = await q.issue({ queueId: q.queues.B })
    clock.advance(MINUTE)
    for (let i = 0; i < 3; i++) await q.issue({ queueId: q.queues.A, priority: 'disability' })
    await q.open(q.desks.desk1, q.bearers.consultant)
    const order = []
    for (let i = 0; i < 5; i++) order.push(await q.callNext(q.desks.desk1, q.bearers.consultant))
    expect(order.map((t) => t!.reason)).toEqual(['priority', 'priority', 'priority', 'oldest', 'oldest'])
    expect(order.slice(3).map((t) => t!.id)).toEqual([first.id, second.id])
  })

  it('calls a ticket that waited past the cap before any priority', async () => {
    const { q, clock } = await office()
    await q.policy({ maxPriorityInRow: null, maxWaitMinutes: 30 })
    const old = await q.issue({ queueId: q.queues.A })
    clock.advance(31 * MINUTE)
    await q.issue({ queueId: q.queues.A, priority: 'pregnancy' })
    await q.open(q.desks.desk1, q.bearers.consultant)
    const called = await q.callNext(q.desks.desk1, q.bearers.consultant)
    expect(called).toMatchObject({ id: old.id, reason: 'max-wait', status: 'called', deskName: 'Window 11' })
  })

  it('closes the current ticket when calling the next, says so in the answer and audits it as its own step', async () => {
    const { app, q } = await office()
    const a = await q.issue({ queueId: q.queues.A })
    const b = await q.issue({ queueId: q.queues.A })
    const c = await q.issue({ queueId: q.queues.A })
    await q.open(q.desks.desk1, q.bearers.consultant)
    await q.callNext(q.desks.desk1, q.bearers.consultant)
    expect((await q.act(a.id, 'start', q.bearers.consultant)).json().status).toBe('serving')
    const second = await q.callNext(q.desks.desk1, q.bearers.consultant)
    expect(second).toMatchObject({ id: b.id, closed: { id: a.id, number: a.number, status: 'served' } })
    const third = await q.callNext(q.desks.desk1, q.bearers.consultant)
    expect(third).toMatchObject({ id: c.id, closed: { id: b.id, number: b.number, status: 'no-show' } })
    const status = async (id: string) =>
      (await app.inject({ url: `/api/v1/tickets/${id}`, headers: q.bearers.consultant })).json().status
    expect(await status(a.id)).toBe('served')
    expect(await status(b.id)).toBe('no-show')
    // Closed tickets take no more desk actions.
    expect(problemOf(await q.act(a.id, 'recall', q.bearers.consultant)).code).toBe('TICKET_STATE')

    // Nothing left to call: the 204 still tells which ticket it closed.
    const last = await app.inject({
      method: 'POST',
      url: `/api/v1/desks/${q.desks.desk1}/call-next`,
      headers: q.bearers.consultant,
    })
    expect(last.statusCode).toBe(204)
    expect(last.headers['closed-ticket']).toBe(`${c.id}; number=${c.number}; status=no-show`)

    // Each ticket's action log has the implied finish or no-show, by the clerk, as its own step.
    const steps = async (id: string) =>
      (await app.inject({ url: `/api/v1/tickets/${id}/history`, headers: q.bearers.consultant })).json<{
        items: { action: string; by: string; details: Record<string, unknown> }[]
      }>().items
    expect((await steps(a.id)).map((s) => s.action)).toEqual(['issue', 'call', 'start', 'finish'])
    expect((await steps(a.id)).at(-1)).toMatchObject({
      by: 'demo-consultant',
      details: { from: 'serving', to: 'served', impliedBy: 'call-next' },
    })
    expect((await steps(b.id)).at(-1)).toMatchObject({
      action: 'no-show',
      details: { from: 'called', to: 'no-show', impliedBy: 'call-next' },
    })
    expect((await steps(c.id)).map((s) => s.action)).toEqual(['issue', 'call', 'no-show'])
  })

  it('never gives two desks calling at the same instant the same ticket', async () => {
    const { q } = await office()
    for (let i = 0; i < 6; i++) await q.issue({ queueId: i % 2 ? q.queues.A : q.queues.B })
    await q.open(q.desks.desk1, q.bearers.consultant)
    await q.open(q.desks.desk2, q.bearers.manager)
    await q.open(q.desks.desk3, q.bearers.admin)
    const round = () =>
      Promise.all([
        q.callNext(q.desks.desk1, q.bearers.consultant),
        q.callNext(q.desks.desk2, q.bearers.manager),
        q.callNext(q.desks.desk3, q.bearers.admin),
      ])
    const called = [...(await round()), ...(await round()), ...(await round())]
    const ids = called.filter((t) => t !== null).map((t) => t!.id)
    expect(ids).toHaveLength(6)
    expect(new Set(ids).size).toBe(6)
  })

  it('lets only the clerk who opened a desk call at it, and one desk per clerk', async () => {
    const { q } = await office()
    await q.open(q.desks.desk1, q.bearers.consultant)
    const taken = await q.post(`/api/v1/desks/${q.desks.desk1}/open`, q.bearers.manager)
    expect(problemOf(taken).code).toBe('DESK_TAKEN')
    const second = await q.post(`/api/v1/desks/${q.desks.desk2}/open`, q.bearers.consultant)
    expect(problemOf(second).code).toBe('CLERK_AT_ANOTHER_DESK')
    const notYours = await q.post(`/api/v1/desks/${q.desks.desk1}/call-next`, q.bearers.manager)
    expect(problemOf(notYours).code).toBe('DESK_NOT_YOURS')
    const closed = await q.post(`/api/v1/desks/${q.desks.desk2}/call-next`, q.bearers.manager)
    expect(problemOf(closed).code).toBe('DESK_NOT_OPEN')
    const lublin = await q.post(`/api/v1/desks/${q.desks.desk2}/open`, q.bearers.officer)
    expect(lublin.statusCode).toBe(403)
    expect((await q.post(`/api/v1/desks/${q.desks.desk1}/close`, q.bearers.consultant)).statusCode).toBe(200)
    await q.open(q.desks.desk2, q.bearers.consultant)
  })

  it('transfers a ticket keeping its number and arrival, ahead of later arrivals in the new queue', async () => {
    const { q, clock } = await office()
    const moved = await q.issue({ queueId: q.queues.A })
    clock.advance(5 * MINUTE)
    const laterB = await q.issue({ queueId: q.queues.B })
    await q.open(q.desks.desk1, q.bearers.consultant)
    await q.callNext(q.desks.desk1, q.bearers.consultant)
    const res = await q.act(moved.id, 'transfer', q.bearers.consultant, { queueId: q.queues.B })
    expect(res.json()).toMatchObject({
      number: moved.number,
      queueId: q.queues.B,
      status: 'waiting',
      arrivedAt: moved.arrivedAt,
      transferCount: 1,
      peopleAhead: 0,
    })
    const next = await q.callNext(q.desks.desk1, q.bearers.consultant)
    expect(next!.id).toBe(moved.id)
    expect(next!.id).not.toBe(laterB.id)
    const toDesk = await q.act(moved.id, 'transfer', q.bearers.consultant, {
      queueId: q.queues.A,
      deskId: q.desks.desk2,
    })
    expect(toDesk.statusCode).toBe(200)
    expect((await q.callNext(q.desks.desk1, q.bearers.consultant))!.id).toBe(laterB.id)
    await q.open(q.desks.desk2, q.bearers.manager)
    expect((await q.callNext(q.desks.desk2, q.bearers.manager))!.id).toBe(moved.id)
  })

  it('reactivates a no-show within the window with its original arrival, and refuses after it', async () => {
    const { q, clock } = await office()
    await q.policy({ maxPriorityInRow: 2, maxWaitMinutes: null, reactivateWithinMinutes: 15 })
    const late = await q.issue({ queueId: q.queues.A })
    clock.advance(MINUTE)
    const other = await q.issue({ queueId: q.queues.A })
    await q.open(q.desks.desk1, q.bearers.consultant)
    await q.callNext(q.desks.desk1, q.bearers.consultant)
    expect((await q.act(late.id, 'no-show', q.bearers.consultant)).json().status).toBe('no-show')
    clock.advance(10 * MINUTE)
    const back = await q.act(late.id, 'reactivate', q.bearers.consultant)
    expect(back.json()).toMatchObject({ status: 'waiting', arrivedAt: late.arrivedAt, peopleAhead: 0 })
    expect((await q.callNext(q.desks.desk1, q.bearers.consultant))!.id).toBe(late.id)
    expect((await q.act(late.id, 'no-show', q.bearers.consultant)).statusCode).toBe(200)
    clock.advance(16 * MINUTE)
    const tooLate = await q.act(late.id, 'reactivate', q.bearers.consultant)
    expect(tooLate.statusCode).toBe(409)
    expect(problemOf(tooLate).code).toBe('REACTIVATION_WINDOW_PASSED')
    expect((await q.callNext(q.desks.desk1, q.bearers.consultant))!.id).toBe(other.id)
  })

  it('recalls, parks and resumes, and answers 409 to an action that does not fit', async () => {
    const { q } = await office()
    const t = await q.issue({ queueId: q.queues.A })
    await q.open(q.desks.desk1, q.bearers.consultant)
    expect(problemOf(await q.act(t.id, 'start', q.bearers.consultant)).code).toBe('TICKET_STATE')
    await q.callNext(q.desks.desk1, q.bearers.consultant)
    expect((await q.act(t.id, 'recall', q.bearers.consultant)).json().recallCount).toBe(1)
    expect((await q.act(t.id, 'recall', q.bearers.consultant)).json().recallCount).toBe(2)
    await q.act(t.id, 'start', q.bearers.consultant)
    expect((await q.act(t.id, 'park', q.bearers.consultant)).json().status).toBe('parked')
    expect(problemOf(await q.act(t.id, 'finish', q.bearers.consultant)).code).toBe('TICKET_STATE')
    expect((await q.act(t.id, 'resume', q.bearers.consultant)).json().status).toBe('serving')
    const done = await q.act(t.id, 'finish', q.bearers.consultant, { topic: 'Паспорт: перелік документів' })
    expect(done.json()).toMatchObject({ status: 'served', topic: 'Паспорт: перелік документів' })
    expect((await q.act(t.id, 'no-show', q.bearers.consultant)).statusCode).toBe(409)
    expect((await q.act(t.id, 'start', q.bearers.officer)).statusCode).toBe(403)
  })

  it('expires tickets left waiting at the end of the office’s day', async () => {
    const { app, q, clock } = await office(new FixedClock('2026-11-25T15:00:00Z'))
    const t = await q.issue({ queueId: q.queues.A })
    clock.set('2026-11-25T22:05:00Z') // 00:05 the next day in Lviv
    expect((await app.inject(`/api/v1/tickets/${t.id}`)).json().status).toBe('expired')
    await q.open(q.desks.desk1, q.bearers.consultant)
    expect(await q.callNext(q.desks.desk1, q.bearers.consultant)).toBeNull()
  })
  it('calls a chosen ticket out of turn, closing the current one, and says so', async () => {
    const { app, q } = await office()
    const first = await q.issue({ queueId: q.queues.A })
    const chosen = await q.issue({ queueId: q.queues.B })
    await q.open(q.desks.desk1, q.bearers.consultant)
    await q.callNext(q.desks.desk1, q.bearers.consultant)
    const res = await q.act(chosen.id, 'call', q.bearers.consultant)
    expect(res.json()).toMatchObject({ status: 'called', reason: 'out-of-order', deskName: 'Window 11' })
    expect((await app.inject(`/api/v1/tickets/${first.id}`)).json().status).toBe('no-show')
    expect(problemOf(await q.act(chosen.id, 'call', q.bearers.consultant)).code).toBe('TICKET_STATE')
    const audit = await app.inject({ url: '/api/v1/audit?limit=5', headers: q.bearers.admin })
    expect(JSON.stringify(audit.json())).toContain('ticket.call')
  })
})
