// The hand-written reference for registering a letter: the same durable work as Ratusz's
// `POST /api/v1/offices/{id}/incoming` (next number from a counter row, the entry, its first version,
// its search text in an FTS5 trigram index and an FTS5 word index, a hash-chained audit row, one
// transaction, WAL), with the
// driver alone beside a minimal Fastify route: no schemas, no authentication, no logging.
import { createHash, randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import Fastify from 'fastify'

const db = new Database(join(mkdtempSync(join(tmpdir(), 'ratusz-bare-reg-')), 'bare.sqlite'))
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.exec(`
  create table counters (scope text, period text, last_value integer, primary key (scope, period));
  create table entries (id text primary key, office_id text, year integer, seq integer, number text,
    status text, title text, party text, channel text, received_at text, version integer,
    registered_at text, registered_by text, updated_at text, unique (office_id, year, seq));
  create table versions (entry_id text, version integer, state text, primary key (entry_id, version));
  create table docs (id integer primary key, scope text, doc_id text, text text, unique (scope, doc_id));
  create virtual table docs_fts using fts5(text, content='docs', content_rowid='id', tokenize='trigram');
  create virtual table docs_words using fts5(text, content='docs', content_rowid='id', tokenize='unicode61');
  create trigger docs_ai after insert on docs begin insert into docs_fts(rowid, text) values (new.id, new.text); end;
  create trigger docs_wi after insert on docs begin insert into docs_words(rowid, text) values (new.id, new.text); end;
  create table audit (seq integer primary key, hash text, entry text);
`)
const take = db.prepare(`insert into counters values ('incoming:office', ?, 1)
  on conflict (scope, period) do update set last_value = last_value + 1 returning last_value`)
const insertEntry = db.prepare('insert into entries values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)')
const insertVersion = db.prepare('insert into versions values (?, 1, ?)')
const insertDoc = db.prepare("insert into docs (scope, doc_id, text) values ('incoming', ?, ?)")
const lastAudit = db.prepare('select hash from audit order by seq desc limit 1')
const insertAudit = db.prepare('insert into audit (hash, entry) values (?, ?)')

const register = db.transaction((body) => {
  const at = new Date().toISOString()
  const year = Number(at.slice(0, 4))
  const seq = take.get(String(year)).last_value
  const id = randomUUID()
  const number = `RPW/${seq}/${year}`
  const party = JSON.stringify(body.sender)
  insertEntry.run(
    id,
    'office',
    year,
    seq,
    number,
    'registered',
    body.title,
    party,
    body.channel,
    body.receivedAt,
    at,
    'bench',
    at,
  )
  const entry = {
    id,
    number,
    title: body.title,
    sender: body.sender,
    receivedAt: body.receivedAt,
    registeredAt: at,
  }
  insertVersion.run(id, JSON.stringify(entry))
  insertDoc.run(id, `${number} ${body.title} ${body.sender.name}`.toLowerCase())
  const audit = JSON.stringify({ action: 'incoming.register', subjectId: id, at })
  const previous = lastAudit.get()?.hash ?? ''
  insertAudit.run(
    createHash('sha256')
      .update(previous + audit)
      .digest('hex'),
    audit,
  )
  return entry
})

const app = Fastify({ logger: false })
app.post('/register', async (req, reply) => reply.code(201).send(register(req.body)))
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.stdout.write('ready\n')
