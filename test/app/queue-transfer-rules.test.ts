import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { bearerFor, problemOf, testApp } from '../support/test-app.js'

// Who may transfer a ticket (issue 10): a ticket in front of a clerk is that clerk's to pass on, or a
// manager's; one waiting or parked may be moved by any clerk of the office.
describeEachDatabase('transfer rules', (dialect) => {
  async function setUp() {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: q.bearers.admin,
      payload: {
        login: 'lviv-consultant-2',
        password: 'another-long-password',
        name: 'Second consultant',
        roles: [{ role: 'consultant', officeId: q.officeId }],
      },
    })
    expect(made.statusCode, made.body).toBe(201)
    const other = await bearerFor(app, 'lviv-consultant-2', 'another-long-password')
    await q.issue({ queueId: q.queues.A })
    await q.open(q.desks.desk1, q.bearers.consultant)
    const called = (await q.callNext(q.desks.desk1, q.bearers.consultant))!
    return { app, q, other, called }
  }

  it('refuses a clerk with no desk open who transfers a ticket served at another desk', async () => {
    const { app, q, other, called } = await setUp()
    const res = await q.act(called.id, 'transfer', other, { queueId: q.queues.B })
    expect(res.statusCode, res.body).toBe(403)
    expect(problemOf(res).code).toBe('TICKET_AT_ANOTHER_DESK')
    const desks = await app.inject({ url: `/api/v1/offices/${q.officeId}/desks`, headers: q.bearers.manager })
    const desk1 = desks.json().items.find((d: { id: string }) => d.id === q.desks.desk1)
    expect(desk1.currentTicketId).toBe(called.id)
  })

  it('lets the clerk at the desk, or a manager, transfer it', async () => {
    const { q, called } = await setUp()
    const byManager = await q.act(called.id, 'transfer', q.bearers.manager, { queueId: q.queues.B })
    expect(byManager.statusCode, byManager.body).toBe(200)
    expect(byManager.json()).toMatchObject({ status: 'waiting', queueId: q.queues.B })
    const again = (await q.callNext(q.desks.desk1, q.bearers.consultant))!
    const byClerk = await q.act(again.id, 'transfer', q.bearers.consultant, { queueId: q.queues.A })
    expect(byClerk.statusCode, byClerk.body).toBe(200)
  })

  it('lets any clerk of the office move a waiting ticket', async () => {
    const { q, other } = await setUp()
    const waiting = await q.issue({ queueId: q.queues.A })
    const res = await q.act(waiting.id, 'transfer', other, { queueId: q.queues.B })
    expect(res.statusCode, res.body).toBe(200)
  })
})
