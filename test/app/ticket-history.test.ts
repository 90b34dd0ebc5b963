import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { demoBearers } from '../support/factories.js'
import { lvivFrontOffice } from '../support/queue.js'
import { problemOf, testApp } from '../support/test-app.js'

describeEachDatabase('a ticket’s action log', (dialect) => {
  it('tells the office’s staff what was done with a ticket, by whom, in order', async () => {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    const ticket = await q.issue({ queueId: q.queues.A })
    await q.open(q.desks.desk1, q.bearers.consultant)
    expect((await q.callNext(q.desks.desk1, q.bearers.consultant))!.id).toBe(ticket.id)
    expect((await q.act(ticket.id, 'recall', q.bearers.consultant)).statusCode).toBe(200)
    expect(
      (await q.act(ticket.id, 'transfer', q.bearers.consultant, { queueId: q.queues.B })).statusCode,
    ).toBe(200)

    const history = await app.inject({
      url: `/api/v1/tickets/${ticket.id}/history`,
      headers: q.bearers.consultant,
    })
    expect(history.statusCode, history.body).toBe(200)
    const steps = history.json<{
      items: { action: string; by: string; details: Record<string, unknown> }[]
    }>().items
    expect(steps.map((s) => [s.action, s.by])).toEqual([
      ['issue', 'demo-kiosk-lviv'],
      ['call', 'demo-consultant'],
      ['recall', 'demo-consultant'],
      ['transfer', 'demo-consultant'],
    ])
    expect(steps[1]!.details).toMatchObject({
      number: ticket.number,
      desk: 'Window 11',
      reason: expect.any(String),
    })
    expect(steps[3]!.details).toMatchObject({ from: 'called', to: 'waiting' })

    // Staff of another office, and residents holding the ticket's link, do not see it.
    const lublin = await demoBearers(app)
    expect(
      problemOf(await app.inject({ url: `/api/v1/tickets/${ticket.id}/history`, headers: lublin.officer }))
        .code,
    ).toBe('FORBIDDEN')
    expect((await app.inject(`/api/v1/tickets/${ticket.id}/history`)).statusCode).toBe(401)
    expect(
      (await app.inject({ url: `/api/v1/tickets/${q.queues.A}/history`, headers: q.bearers.manager }))
        .statusCode,
    ).toBe(404)
  })
})
