import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { testApp } from '../support/test-app.js'

/** Reads server-sent events from a stream until `count` of the wanted type arrived. */
async function readEvents(body: ReadableStream<Uint8Array>, wanted: string, count: number) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const events: { event: string; data: unknown }[] = []
  let buffer = ''
  while (events.filter((e) => e.event === wanted).length < count) {
    const { value, done } = await reader.read()
    if (done) break
    buffer += decoder.decode(value, { stream: true })
    let end = buffer.indexOf('\n\n')
    while (end >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const event = /^event: (.*)$/m.exec(block)?.[1]
      const data = /^data: (.*)$/m.exec(block)?.[1]
      if (event && data) events.push({ event, data: JSON.parse(data) })
      end = buffer.indexOf('\n\n')
    }
  }
  await reader.cancel()
  return events
}

describeEachDatabase('the hall board', (dialect) => {
  it('shows the latest calls with desk names and, per queue, who waits and for how long', async () => {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    for (let i = 0; i < 3; i++) await q.issue({ queueId: q.queues.A })
    await q.open(q.desks.desk1, q.bearers.consultant)
    const called = await q.callNext(q.desks.desk1, q.bearers.consultant)
    const board = (await app.inject(`/api/v1/offices/${q.officeId}/board`)).json()
    expect(board.called).toEqual([
      { number: called!.number, deskName: 'Window 11', calledAt: expect.any(String), recallCount: 0 },
    ])
    expect(board.queues).toEqual([
      expect.objectContaining({ prefix: 'A', waiting: 2, estimatedWaitMinutes: 10 }),
      expect.objectContaining({ prefix: 'B', waiting: 0, estimatedWaitMinutes: 0 }),
    ])
    expect(JSON.stringify(board)).not.toMatch(/consultant|clerk/)
    expect((await app.inject('/api/v1/offices/0190b7a0-0000-7000-8000-000000000000/board')).statusCode).toBe(
      404,
    )
  })

  it('streams each call and recall to every connected board as it happens', async () => {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    try {
      const boards = await Promise.all(
        [1, 2].map(() => fetch(`${url}/api/v1/offices/${q.officeId}/board/events`)),
      )
      for (const b of boards) expect(b.headers.get('content-type')).toMatch(/^text\/event-stream/)
      const t = await q.issue({ queueId: q.queues.A })
      await q.open(q.desks.desk1, q.bearers.consultant)
      const reading = boards.map((b) => readEvents(b.body!, 'called', 2))
      await q.callNext(q.desks.desk1, q.bearers.consultant)
      await q.act(t.id, 'recall', q.bearers.consultant)
      for (const events of await Promise.all(reading)) {
        expect(events[0]).toMatchObject({ event: 'board' })
        expect(events.filter((e) => e.event === 'called').map((e) => e.data)).toEqual([
          expect.objectContaining({ number: 'A001', deskName: 'Window 11', recallCount: 0 }),
          expect.objectContaining({ number: 'A001', deskName: 'Window 11', recallCount: 1 }),
        ])
      }
    } finally {
      await app.close()
    }
  })
})
