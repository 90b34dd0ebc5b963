import { EventSource } from 'eventsource'
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { testApp } from '../support/test-app.js'

interface Called {
  id: string
  number: string
}

describeEachDatabase('the board’s stream through a dropped connection', (dialect) => {
  it('gives calls ids, and a client that reconnects with Last-Event-ID gets the calls it missed', async () => {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    for (let i = 0; i < 3; i++) await q.issue({ queueId: q.queues.A })
    await q.open(q.desks.desk1, q.bearers.consultant)
    await q.open(q.desks.desk2, q.bearers.manager)
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

    // The `eventsource` client, as a board or a phone follows the hall (it reconnects by itself).
    const source = new EventSource(`${url}/api/v1/offices/${q.officeId}/board/events`)
    const calls: Called[] = []
    let boards = 0
    const waiters: (() => void)[] = []
    const seen = () => {
      for (const wake of waiters.splice(0)) wake()
    }
    source.addEventListener('board', () => {
      boards += 1
      seen()
    })
    source.addEventListener('called', (e) => {
      calls.push({ id: e.lastEventId, number: JSON.parse(e.data).number })
      seen()
    })
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise<void>((wake) => waiters.push(wake))
    }
    try {
      await until(() => boards === 1)
      const first = await q.callNext(q.desks.desk1, q.bearers.consultant)
      await until(() => calls.length === 1)
      expect(calls[0]).toEqual({
        id: expect.stringMatching(/^\d{4}-\d\d-\d\dT.+Z~A\d{3}$/),
        number: first!.number,
      })

      // The connection drops (a proxy restarts, the phone changes networks); two calls come meanwhile.
      app.server.closeAllConnections()
      const second = await q.callNext(q.desks.desk1, q.bearers.consultant)
      const third = await q.callNext(q.desks.desk2, q.bearers.manager)
      // Back after EventSource's retry (3 s): the board, then what was missed, in order, with ids.
      await until(() => calls.length === 3)
      expect(boards).toBe(2)
      expect(calls.map((c) => c.number)).toEqual([first!.number, second!.number, third!.number])
      expect(new Set(calls.map((c) => c.id)).size).toBe(3)

      // An id that names no call, or from before the day's calls, gives only the board.
      const stale = await fetch(`${url}/api/v1/offices/${q.officeId}/board/events`, {
        headers: { 'last-event-id': 'not-an-id' },
      })
      const reader = stale.body!.getReader()
      const { value } = await reader.read()
      await reader.cancel()
      expect(new TextDecoder().decode(value)).not.toContain('event: called')
    } finally {
      source.close()
    }
  })
})
