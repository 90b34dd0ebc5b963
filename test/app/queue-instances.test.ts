import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { QUEUE_EVENTS } from '../../src/modules/queue/index.js'
import { DIALECTS } from '../support/databases.js'
import { twoInstances } from '../support/instances.js'
import { WAIT_MS } from '../support/patience.js'
import { lvivFrontOffice } from '../support/queue.js'
import { bearerFor } from '../support/test-app.js'

// Several instances share PostgreSQL; SQLite is one process's database (two in-process handles on one
// file would block each other's event loop in SQLite's busy wait), so these run on PostgreSQL.
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  it(`never gives two desks calling through different instances the same ticket [${dialect}]`, async () => {
    const { a, b } = await twoInstances(dialect)
    const q = await lvivFrontOffice(a)
    for (let i = 0; i < 8; i++) await q.issue({ queueId: q.queues.A })
    await q.open(q.desks.desk1, q.bearers.consultant)
    await q.open(q.desks.desk2, q.bearers.manager)
    const manager = await bearerFor(b, 'demo-manager', 'demo-manager-pass')
    const called: string[] = []
    for (let round = 0; round < 4; round++) {
      const [x, y] = await Promise.all([
        a.inject({
          method: 'POST',
          url: `/api/v1/desks/${q.desks.desk1}/call-next`,
          headers: q.bearers.consultant,
        }),
        b.inject({ method: 'POST', url: `/api/v1/desks/${q.desks.desk2}/call-next`, headers: manager }),
      ])
      called.push(x.json().id, y.json().id)
    }
    expect(called.every((id) => typeof id === 'string')).toBe(true)
    expect(new Set(called).size).toBe(8)
  })

  it(`carries a call made through one instance to the boards of another [${dialect}]`, async () => {
    const { a, b } = await twoInstances(dialect)
    const q = await lvivFrontOffice(a)
    const heard = new Promise<{ number: string; deskName: string }>((resolve) =>
      b.bus.subscribe(QUEUE_EVENTS.called, (event) =>
        resolve(event.payload as { number: string; deskName: string }),
      ),
    )
    await q.issue({ queueId: q.queues.A })
    await q.open(q.desks.desk1, q.bearers.consultant)
    await q.callNext(q.desks.desk1, q.bearers.consultant)
    expect(await heard).toMatchObject({ number: 'A001', deskName: 'Window 11' })
  })
}

for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  it(`listens again after its connection is cut, as by a database restart, and still relays calls [${dialect}]`, async () => {
    const { a, b, database } = await twoInstances(dialect)
    const q = await lvivFrontOffice(a)
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)
    const listen = `listen ratusz_${rows[0]!.schema}`
    const listeners = async () =>
      (
        await sql<{
          pid: number
        }>`select pid from pg_stat_activity where query = ${listen} and datname = current_database()`.execute(
          database.db,
        )
      ).rows.map((r) => Number(r.pid))
    const cut = await listeners()
    expect(cut).toHaveLength(2)
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where query = ${listen} and datname = current_database()`.execute(
      database.db,
    )
    // Both instances notice, report it and listen again on new connections (a terminated backend may
    // still be listed for a moment, so only new ones count).
    await expect
      .poll(async () => (await listeners()).filter((pid) => !cut.includes(pid)).length, {
        timeout: WAIT_MS,
        interval: 100,
      })
      .toBe(2)
    const heard = new Promise<{ number: string }>((resolve) =>
      b.bus.subscribe(QUEUE_EVENTS.called, (event) => resolve(event.payload as { number: string })),
    )
    await q.issue({ queueId: q.queues.A })
    await q.open(q.desks.desk1, q.bearers.consultant)
    await q.callNext(q.desks.desk1, q.bearers.consultant)
    expect(await heard).toMatchObject({ number: 'A001' })
  })
}

for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  it(`replays to a board reconnecting to another instance the calls made through the first [${dialect}]`, async () => {
    const { a, b } = await twoInstances(dialect)
    const q = await lvivFrontOffice(a)
    for (let i = 0; i < 3; i++) await q.issue({ queueId: q.queues.A })
    await q.open(q.desks.desk1, q.bearers.consultant)
    await q.open(q.desks.desk2, q.bearers.manager)
    const first = await q.callNext(q.desks.desk1, q.bearers.consultant)
    const lastSeen = `${first!.calledAt}~${first!.number}`
    // While the board is away, two more calls through instance A; it comes back to instance B.
    const second = await q.callNext(q.desks.desk2, q.bearers.manager)
    const third = await q.callNext(q.desks.desk1, q.bearers.consultant)
    await b.listen({ port: 0, host: '127.0.0.1' })
    const address = b.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/offices/${q.officeId}/board/events`, {
      headers: { 'last-event-id': lastSeen },
    })
    const reader = res.body!.getReader()
    let text = ''
    while ((text.match(/event: called/g) ?? []).length < 2) {
      const { value, done } = await reader.read()
      if (done) break
      text += new TextDecoder().decode(value)
    }
    await reader.cancel()
    const replayed = [...text.matchAll(/id: (.+)\nevent: called\ndata: (.+)/g)].map(
      (m) => JSON.parse(m[2]!).number,
    )
    // The first call's ticket was closed by the next call at its desk: only calls still waiting come.
    expect(replayed).toEqual([second!.number, third!.number])
  })
}

// Outside `npm test` (which always starts PostgreSQL) these cannot run: fail, saying why.
if (!DIALECTS.includes('postgres'))
  it('several instances on one PostgreSQL', () => {
    throw new Error('needs PostgreSQL: set TEST_DATABASE_URL, or run `npm test`, which starts one')
  })
