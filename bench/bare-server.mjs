// The bare stack doing the minimum, as the yardstick for every Ratusz benchmark: a Fastify route that
// inserts one row into SQLite (WAL, as Ratusz opens it) and returns it as JSON. Plain JS, no logging.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import Fastify from 'fastify'

const db = new Database(join(mkdtempSync(join(tmpdir(), 'ratusz-bare-')), 'bare.sqlite'))
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.exec('create table hits (id integer primary key, at text not null)')
const insert = db.prepare('insert into hits (at) values (?) returning id, at')

const app = Fastify({ logger: false })
app.get('/bare', async () => insert.get(new Date().toISOString()))
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.stdout.write('ready\n')
