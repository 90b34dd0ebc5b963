import pg from 'pg'
import { expect, it } from 'vitest'
import { DIALECTS } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { testApp } from '../support/test-app.js'

/**
 * Every statement sent to PostgreSQL while `work` runs (the driver's edge: each `query` a client
 * sends is one round trip).
 */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = []
  const query = pg.Client.prototype.query
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text: string }
    const text = (typeof first === 'string' ? first : first.text).replace(/\s+/g, ' ')
    // A new pool connection's set-up is not the use case's.
    if (!text.startsWith('set plan_cache_mode')) sent.push(text)
    return (query as (...a: unknown[]) => unknown).apply(this, args)
  } as typeof query
  try {
    await work()
  } finally {
    pg.Client.prototype.query = query
  }
  return sent
}

const count = (sent: string[], pattern: RegExp) => sent.filter((s) => pattern.test(s)).length

// Round trips are what a use case costs PostgreSQL (SQLite runs in the process, where a statement is
// a function call). These budgets are the hot use cases as they are now: a new round trip on them has
// to be argued for, here.
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  it(`issues, calls and finishes a ticket in few round trips: one audit append, events in one NOTIFY [${dialect}]`, async () => {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    await q.open(q.desks.desk1, q.bearers.manager)
    // The first of each loads the settings the next ones find cached (queue, policy, desk, skills).
    await q.issue({ queueId: q.queues.A })
    await q.issue({ queueId: q.queues.A })
    await q.callNext(q.desks.desk1, q.bearers.manager)

    const issue = await statementsOf(() => q.issue({ queueId: q.queues.A }))
    // The token, begin, the day's counter, the people ahead, the ticket, the chain's head, the entry
    // with the head's hash, commit, the boards' NOTIFY.
    expect(issue, issue.join('\n')).toHaveLength(9)
    expect(count(issue, /audit_log/)).toBe(1)
    expect(count(issue, /update "audit_chain_heads"/)).toBe(1)

    // Calling the next closes the current ticket: two audit entries, still one append.
    let called: { id: string } | null = null
    const callNext = await statementsOf(async () => {
      called = await q.callNext(q.desks.desk1, q.bearers.manager)
    })
    // The token, begin, the desk locked and read, the current ticket closed, the candidates, the call,
    // the desk's state, the chain's head, the entries, commit, one NOTIFY for the call and the counts.
    expect(callNext, callNext.join('\n')).toHaveLength(11)
    expect(count(callNext, /audit_log/)).toBe(1)
    expect(count(callNext, /pg_notify/)).toBe(1)

    const finish = await statementsOf(() => q.act(called!.id, 'finish', q.bearers.manager))
    // The token, the ticket (whose office decides the access), begin, both desks locked and read in one
    // statement, the ticket locked, the desk's state, the ticket, the chain's head, the entry, commit,
    // the NOTIFY.
    expect(finish, finish.join('\n')).toHaveLength(11)
    expect(count(finish, /from "desk_states"/)).toBe(1)
  })
}

// Outside `npm test` (which always starts PostgreSQL) this cannot run: fail, saying why.
if (!DIALECTS.includes('postgres'))
  it('queue round trips on PostgreSQL', () => {
    throw new Error('needs PostgreSQL: set TEST_DATABASE_URL, or run `npm test`, which starts one')
  })
