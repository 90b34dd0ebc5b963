// The hand-written reference for registering a letter on PostgreSQL: the same durable work as
// Ratusz's `POST /api/v1/offices/{id}/incoming` (next number from a counter row, the entry, its first
// version, its search text under a pg_trgm GIN index, a hash-chained audit row after the chain's head
// row locked, one transaction), with the `pg` driver alone (a pool of 10, as Ratusz's) beside a
// minimal Fastify route: no schemas, no authentication, no logging. In a schema of its own in the
// database BENCH_DATABASE_URL names, dropped at exit.
import { createHash, randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import pg from 'pg'

const schema = `bare_reg_${process.pid}`
const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 })
pool.on('connect', (client) => client.query(`set search_path = ${schema}, public`))
const setup = await pool.connect()
await setup.query(`create extension if not exists pg_trgm with schema public`)
await setup.query(`create schema ${schema}`)
await setup.query(`set search_path = ${schema}, public`)
await setup.query(`
  create table counters (scope text, period text, last_value integer, primary key (scope, period));
  create table entries (id text primary key, office_id text, year integer, seq integer, number text,
    status text, title text, party text, channel text, received_at text, version integer,
    registered_at text, registered_by text, updated_at text, unique (office_id, year, seq));
  create table versions (entry_id text, version integer, state text, primary key (entry_id, version));
  create table docs (id serial primary key, scope text, doc_id text, text text, unique (scope, doc_id));
  create index docs_text on docs using gin (text gin_trgm_ops);
  create table audit_head (id integer primary key, seq bigint, hash text);
  insert into audit_head values (1, 0, '');
  create table audit (seq bigint primary key, hash text, entry text);
`)
setup.release()

async function register(body) {
  const client = await pool.connect()
  try {
    await client.query('begin')
    const at = new Date().toISOString()
    const year = Number(at.slice(0, 4))
    const { rows } = await client.query(
      `insert into counters values ('incoming:office', $1, 1)
       on conflict (scope, period) do update set last_value = counters.last_value + 1 returning last_value`,
      [String(year)],
    )
    const seq = rows[0].last_value
    const id = randomUUID()
    const number = `RPW/${seq}/${year}`
    await client.query(
      'insert into entries values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12, $13)',
      [
        id,
        'office',
        year,
        seq,
        number,
        'registered',
        body.title,
        JSON.stringify(body.sender),
        body.channel,
        body.receivedAt,
        at,
        'bench',
        at,
      ],
    )
    const entry = {
      id,
      number,
      title: body.title,
      sender: body.sender,
      receivedAt: body.receivedAt,
      registeredAt: at,
    }
    await client.query('insert into versions values ($1, 1, $2)', [id, JSON.stringify(entry)])
    await client.query("insert into docs (scope, doc_id, text) values ('incoming', $1, $2)", [
      id,
      `${number} ${body.title} ${body.sender.name}`.toLowerCase(),
    ])
    const audit = JSON.stringify({ action: 'incoming.register', subjectId: id, at })
    const head = (await client.query('select seq, hash from audit_head where id = 1 for update')).rows[0]
    const hash = createHash('sha256')
      .update(head.hash + audit)
      .digest('hex')
    const next = Number(head.seq) + 1
    await client.query('insert into audit values ($1, $2, $3)', [next, hash, audit])
    await client.query('update audit_head set seq = $1, hash = $2 where id = 1', [next, hash])
    await client.query('commit')
    return entry
  } catch (error) {
    await client.query('rollback')
    throw error
  } finally {
    client.release()
  }
}

const app = Fastify({ logger: false })
app.post('/register', async (req, reply) => reply.code(201).send(await register(req.body)))
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.stdout.write('ready\n')
const stop = async () => {
  await app.close()
  await pool.query(`drop schema ${schema} cascade`)
  await pool.end()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
