// The hand-written reference for the queue (issue 17): the same durable work as Ratusz's ticket issue
// and call-next, with the database driver alone beside minimal Fastify routes: no schemas, no
// logging, no framework of ours. Per request it checks the bearer token against users and grants
// (a SHA-256 of the token looked up, its user and grants joined), then in one transaction:
//   POST /tickets: takes the queue's day counter, counts the people ahead, inserts the ticket row
//     (with the indexes Ratusz's tickets table has) and appends a SHA-256 hash-chained audit entry
//     to the office's chain after locking its head row;
//   POST /desks/:id/call-next: locks the desk, closes its current ticket, picks the oldest waiting
//     ticket of the desk's queues, calls it if still waiting, saves the desk's state, and appends
//     the close's and the call's audit entries (at the end, as Ratusz does: see appendAudit).
// SQLite (better-sqlite3, WAL, synchronous=NORMAL as Ratusz opens it) by default; PostgreSQL (`pg`,
// a pool of 10 as Ratusz's) when BENCH_DATABASE_URL is set, in a schema of its own dropped at exit.
// Tokens: `kiosk-token` for the kiosk, `clerk-<i>-token` for clerk i at desk `desk-<i>` (i < 50).
import { createHash, randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'

const CLERKS = 50
const OFFICE = 'office-1'
const QUEUE = 'queue-a'
const GENESIS = '0'.repeat(64)
const sha256 = (text) => createHash('sha256').update(text).digest('hex')

const SCHEMA = (serial) => `
  create table users (id text primary key, login text not null, disabled integer not null);
  create table role_grants (id text primary key, user_id text not null, role text not null, office_id text);
  create index role_grants_user on role_grants (user_id);
  create table auth_tokens (id text primary key, user_id text not null, token_hash text not null unique,
    kind text not null, created_at text not null, expires_at text, revoked_at text);
  create table desk_queues (desk_id text, queue_id text, weight integer, primary key (desk_id, queue_id));
  create table desk_states (desk_id text primary key, clerk_id text, current_ticket_id text, lock_seq integer);
  create table ticket_counters (queue_id text, local_date text, last_value integer not null,
    primary key (queue_id, local_date));
  create table tickets (id text primary key, office_id text not null, queue_id text not null,
    number_queue_id text not null, local_date text not null, number integer not null, display text not null,
    status text not null, priority text not null, channel text not null, appointment_id text,
    callable_from text, arrived_at text not null, issued_at text not null, called_at text, finished_at text,
    desk_id text, clerk_id text, reserved_desk_id text, idempotency_key text,
    unique (number_queue_id, local_date, number), unique (office_id, idempotency_key));
  create index tickets_waiting on tickets (office_id, local_date, status, arrived_at);
  create index tickets_queue_day on tickets (queue_id, local_date, status, arrived_at, priority,
    callable_from, reserved_desk_id, appointment_id, id);
  create table audit_chain_heads (chain text primary key, seq integer not null, hash text not null);
  create table audit_log (seq ${serial} primary key, chain text not null, chain_seq integer not null,
    at text not null, actor_id text, office_id text, action text not null, subject_type text not null,
    subject_id text, summary text not null, prev_hash text not null, hash text not null);
  create unique index audit_log_chain on audit_log (chain, chain_seq);
  create index audit_log_office on audit_log (office_id, seq);
  create index audit_log_subject on audit_log (subject_type, subject_id);
`

/** The users, grants, tokens and desks: one kiosk and 50 clerks at 50 desks serving queue A. */
function seedRows() {
  const at = new Date().toISOString()
  const rows = []
  const person = (id, role, token) => {
    rows.push(['insert into users values ($1, $2, 0)', [id, id]])
    rows.push(['insert into role_grants values ($1, $2, $3, $4)', [`g-${id}`, id, role, OFFICE]])
    rows.push([
      "insert into auth_tokens values ($1, $2, $3, 'session', $4, null, null)",
      [`t-${id}`, id, sha256(token), at],
    ])
  }
  person('kiosk', 'kiosk', 'kiosk-token')
  for (let i = 0; i < CLERKS; i++) {
    person(`clerk-${i}`, 'consultant', `clerk-${i}-token`)
    rows.push(['insert into desk_queues values ($1, $2, 1)', [`desk-${i}`, QUEUE]])
    rows.push(['insert into desk_states values ($1, $2, null, 0)', [`desk-${i}`, `clerk-${i}`]])
  }
  return rows
}

const SQL = {
  actor: `select u.id, u.disabled, t.expires_at, t.revoked_at, g.role, g.office_id
    from auth_tokens t join users u on u.id = t.user_id left join role_grants g on g.user_id = u.id
    where t.token_hash = $1`,
  take: `insert into ticket_counters values ($1, $2, 1) on conflict (queue_id, local_date)
    do update set last_value = ticket_counters.last_value + 1 returning last_value`,
  ahead: `select count(*) as n from tickets where queue_id = $1 and local_date = $2 and status = 'waiting'`,
  insertTicket: `insert into tickets (id, office_id, queue_id, number_queue_id, local_date, number, display,
    status, priority, channel, arrived_at, issued_at) values ($1, $2, $3, $3, $4, $5, $6, 'waiting', 'normal',
    'kiosk', $7, $7)`,
  head: `insert into audit_chain_heads values ($1, $2, '${GENESIS}') on conflict (chain)
    do update set seq = audit_chain_heads.seq + $2 returning seq, hash`,
  insertAudit: `insert into audit_log (chain, chain_seq, at, actor_id, office_id, action, subject_type,
    subject_id, summary, prev_hash, hash) values ($1, $2, $3, $4, $1, $5, 'ticket', $6, $7, $8, $9)`,
  setHead: 'update audit_chain_heads set hash = $2 where chain = $1',
  lockDesk: 'update desk_states set lock_seq = lock_seq + 1 where desk_id = $1 returning current_ticket_id',
  close: `update tickets set status = 'done', finished_at = $2 where id = $1 and status = 'called'
    returning id, display`,
  waiting: `select t.id, t.display from tickets t join desk_queues q on q.queue_id = t.queue_id
    where q.desk_id = $1 and t.local_date = $2 and t.status = 'waiting' order by t.arrived_at limit 8`,
  call: `update tickets set status = 'called', called_at = $2, desk_id = $3, clerk_id = $4
    where id = $1 and status = 'waiting' returning id, display, number`,
  saveDesk: 'update desk_states set current_ticket_id = $2 where desk_id = $1',
}

const sqlite = !process.env.BENCH_DATABASE_URL
const db = sqlite ? await openSqlite() : await openPostgres()

async function openSqlite() {
  const Database = (await import('better-sqlite3')).default
  const conn = new Database(join(mkdtempSync(join(tmpdir(), 'ratusz-bare-queue-')), 'bare.sqlite'))
  conn.pragma('journal_mode = WAL')
  conn.pragma('synchronous = NORMAL')
  conn.exec(SCHEMA('integer'))
  // `$n` (PostgreSQL's) becomes `?` in order of use, with the values picked to match.
  const prepare = (text) => {
    const order = [...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]) - 1)
    const statement = conn.prepare(text.replace(/\$\d+/g, '?'))
    const pick = (values) => order.map((i) => values[i])
    return {
      all: (...values) => statement.all(...pick(values)),
      get: (...values) => statement.get(...pick(values)),
      run: (...values) => statement.run(...pick(values)),
    }
  }
  const statements = Object.fromEntries(Object.entries(SQL).map(([k, text]) => [k, prepare(text)]))
  for (const [text, values] of seedRows()) prepare(text).run(...values)
  const tx = {
    all: (name, values) => statements[name].all(...values),
    one: (name, values) => statements[name].get(...values),
    exec: (name, values) => statements[name].run(...values),
  }
  // One connection: one transaction at a time, each use case whole inside its own.
  let last = Promise.resolve()
  return {
    run(work) {
      const next = last.then(async () => {
        conn.exec('begin immediate')
        try {
          const result = await work(tx)
          conn.exec('commit')
          return result
        } catch (error) {
          conn.exec('rollback')
          throw error
        }
      })
      last = next.catch(() => {})
      return next
    },
    actor: async (hash) => statements.actor.all(hash),
    close: async () => conn.close(),
  }
}

async function openPostgres() {
  const pg = (await import('pg')).default
  const schema = `bare_queue_${process.pid}`
  const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 })
  pool.on('connect', (client) => client.query(`set search_path = ${schema}`))
  const setup = await pool.connect()
  await setup.query(`create schema ${schema}`)
  await setup.query(`set search_path = ${schema}`)
  await setup.query(SCHEMA('serial'))
  for (const [text, values] of seedRows()) await setup.query(text, values)
  setup.release()
  // Named statements: parsed once per connection, as prepared statements on SQLite are.
  const q = (client, name, values) => client.query({ name, text: SQL[name], values })
  return {
    async run(work) {
      const client = await pool.connect()
      try {
        await client.query('begin')
        const result = await work({
          all: async (name, values) => (await q(client, name, values)).rows,
          one: async (name, values) => (await q(client, name, values)).rows[0],
          exec: (name, values) => q(client, name, values),
        })
        await client.query('commit')
        return result
      } catch (error) {
        await client.query('rollback')
        throw error
      } finally {
        client.release()
      }
    },
    actor: async (hash) => (await pool.query({ name: 'actor', text: SQL.actor, values: [hash] })).rows,
    close: async () => {
      await pool.query(`drop schema ${schema} cascade`)
      await pool.end()
    },
  }
}

/** The bearer token's user with the role in the office, or null (401/403 as Ratusz answers). */
async function authorize(req, roles) {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
  if (!token) return null
  const grants = await db.actor(sha256(token))
  const now = new Date().toISOString()
  const ok = grants.find(
    (g) =>
      !g.disabled &&
      !g.revoked_at &&
      (!g.expires_at || g.expires_at > now) &&
      roles.includes(g.role) &&
      g.office_id === OFFICE,
  )
  return ok ? ok.id : null
}

/**
 * Appends a transaction's audit entries to the office's chain at its end, after its head row is locked
 * (taken by the upsert, advanced by their number): last, as Ratusz does, so that the head is held for
 * the commit alone and never taken before a ticket's row (which would deadlock two desks calling).
 */
async function appendAudit(tx, entries) {
  const head = await tx.one('head', [OFFICE, entries.length])
  let seq = Number(head.seq) - entries.length + 1
  let prev = head.hash
  for (const e of entries) {
    const text = JSON.stringify(e.summary)
    const hash = sha256(JSON.stringify([OFFICE, seq, e.at, e.actorId, e.action, e.subjectId, text, prev]))
    await tx.exec('insertAudit', [OFFICE, seq, e.at, e.actorId, e.action, e.subjectId, text, prev, hash])
    prev = hash
    seq += 1
  }
  await tx.exec('setHead', [OFFICE, prev])
}

const today = () => new Date().toISOString().slice(0, 10)

async function issue(actorId) {
  return db.run(async (tx) => {
    const at = new Date().toISOString()
    const day = today()
    const number = Number((await tx.one('take', [QUEUE, day])).last_value)
    const ahead = Number((await tx.one('ahead', [QUEUE, day])).n)
    const id = randomUUID()
    const display = `A${String(number).padStart(3, '0')}`
    await tx.exec('insertTicket', [id, OFFICE, QUEUE, day, number, display, at])
    await appendAudit(tx, [
      { actorId, action: 'ticket.issue', subjectId: id, summary: { number: display, queue: 'A' }, at },
    ])
    return { id, number: display, localDate: day, status: 'waiting', peopleAhead: ahead, issuedAt: at }
  })
}

async function callNext(actorId, deskId) {
  return db.run(async (tx) => {
    const at = new Date().toISOString()
    const desk = await tx.one('lockDesk', [deskId])
    if (!desk) return undefined
    const entries = []
    if (desk.current_ticket_id) {
      const closed = await tx.one('close', [desk.current_ticket_id, at])
      if (closed)
        entries.push({
          actorId,
          action: 'ticket.finish',
          subjectId: closed.id,
          summary: { number: closed.display },
          at,
        })
    }
    let answer = null
    // The oldest few; another desk may call them first (its UPDATE wins, ours changes no row): then
    // the next few, read again, until one is ours or nobody waits.
    for (let candidates = await tx.all('waiting', [deskId, today()]); !answer && candidates.length; ) {
      for (const candidate of candidates) {
        const called = await tx.one('call', [candidate.id, at, deskId, actorId])
        if (!called) continue
        await tx.exec('saveDesk', [deskId, called.id])
        entries.push({
          actorId,
          action: 'ticket.call',
          subjectId: called.id,
          summary: { number: called.display, desk: deskId },
          at,
        })
        answer = { id: called.id, number: called.display, status: 'called', calledAt: at, deskId }
        break
      }
      if (!answer) candidates = await tx.all('waiting', [deskId, today()])
    }
    if (!answer) await tx.exec('saveDesk', [deskId, null])
    if (entries.length) await appendAudit(tx, entries)
    return answer
  })
}

const app = Fastify({ logger: false })
app.post('/tickets', async (req, reply) => {
  const actor = await authorize(req, ['kiosk', 'consultant', 'manager'])
  if (!actor) return reply.code(401).send({ title: 'Unauthorized' })
  return reply.code(201).send(await issue(actor))
})
app.post('/desks/:id/call-next', async (req, reply) => {
  const actor = await authorize(req, ['consultant', 'manager'])
  if (!actor) return reply.code(401).send({ title: 'Unauthorized' })
  const ticket = await callNext(actor, req.params.id)
  if (ticket === undefined) return reply.code(404).send({ title: 'Not Found' })
  return ticket ? ticket : reply.code(204).send()
})
app.get('/', async () => ({ ok: true }))
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.stdout.write('ready\n')
const stop = async () => {
  await app.close()
  await db.close()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
