import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import {
  api,
  login,
  measure,
  measureBare,
  printTable,
  ROOT,
  type Row,
  serveBareRegistration,
  serveRatusz,
} from '../support.js'

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000)
const QUERIES = [
  'kowalska zaswiadczenia',
  'RPW 1234',
  'wojcik drzewa',
  'nr 77777',
  'OR.0152',
  'olena',
  'petycja oswietlenia',
  'nothing at all',
  'kwote 4711 zl',
]

/** One client, one request after another: the percentiles a clerk would feel. */
async function sequential(urls: string[], token: string, rounds: number) {
  const times: number[] = []
  const perUrl = new Map<string, number[]>()
  for (let i = 0; i < rounds; i++) {
    const url = urls[i % urls.length]!
    const t = performance.now()
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
    await res.arrayBuffer()
    if (!res.ok) throw new Error(`${url}: ${res.status}`)
    const took = performance.now() - t
    times.push(took)
    perUrl.set(url, [...(perUrl.get(url) ?? []), took])
  }
  const at = (list: number[], q: number) => {
    const sorted = [...list].sort((a, b) => a - b)
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10
  }
  const medians = [...perUrl].map(
    ([url, list]) => `${decodeURIComponent(url.replace(/^.*\?/, ''))} ${at(list, 0.5)} ms`,
  )
  return { p50: at(times, 0.5), p95: at(times, 0.95), max: at(times, 1), medians }
}

async function databaseBytes(dataDir: string, url: string | undefined): Promise<number> {
  if (!url)
    return readdirSync(dataDir)
      .filter((f) => f.startsWith('ratusz.sqlite'))
      .reduce((n, f) => n + statSync(join(dataDir, f)).size, 0)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const { rows } = await client.query<{ size: string }>('select pg_database_size(current_database()) as size')
  await client.end()
  return Number(rows[0]!.size)
}

/**
 * records: BENCH_CASES cases (1,000,000), each with a document whose text is searchable, and twice as
 * many register entries with their search text,
 * then side by side: registering letters over HTTP with 50 clients (against the bare insert route and
 * the same durable work hand-written on the driver), search p95 and the filtered in-tray p95 (one
 * client), and the database's size per 10^6 cases. PostgreSQL: BENCH_DATABASE_URL (an empty database).
 */
export async function run(options: { rounds: number; seconds: number; connections: number }): Promise<Row[]> {
  // BENCH_REUSE=1 measures a database an earlier run seeded (BENCH_DATA_DIR on SQLite, the same
  // BENCH_DATABASE_URL on PostgreSQL) instead of seeding a new one.
  const reuse = process.env.BENCH_REUSE === '1'
  const dataDir =
    reuse && process.env.BENCH_DATA_DIR
      ? process.env.BENCH_DATA_DIR
      : mkdtempSync(join(tmpdir(), 'ratusz-bench-rec-'))
  const env: Record<string, string> = { RATUSZ_DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATUSZ_JOBS: 'off' }
  if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL
  const dialect = env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'
  process.stdout.write(
    `${reuse ? 'measuring the seeded database in' : 'seeding'} ${dataDir}: ${CASES} cases and ${2 * CASES} letters on ${dialect}…\n`,
  )
  const t = performance.now()
  if (!reuse) {
    const seeded = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', 'seed-records.ts'), String(CASES)],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    )
    if (seeded.status !== 0) throw new Error('seeding failed')
  }
  const seedSeconds = Math.round((performance.now() - t) / 1000)
  const bytes = await databaseBytes(dataDir, env.DATABASE_URL)

  const connections = 50
  const common = { seconds: options.seconds, connections }
  const baseline = await measureBare(common, options.rounds)
  const letter = {
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    channel: 'paper',
    sender: { kind: 'person', name: 'Anna Kowalska', address: { city: 'Lublin' } },
    title: 'Wniosek o wydanie zaświadczenia',
  }
  const bareRegistration = await serveBareRegistration(env.DATABASE_URL)
  const reference: Row = {
    name: 'bare registration (driver alone)',
    result: await measure(
      { url: `${bareRegistration.url}/register`, post: letter, ...common },
      options.rounds,
    ),
    memoryMiB: bareRegistration.peakMemoryMiB(),
  }
  await bareRegistration.stop()

  const ratusz = await serveRatusz({ ...env, RATUSZ_DEMO: '0', LOG_LEVEL: 'info' })
  const admin = await login(ratusz.url, 'demo-admin')
  const clerk = await login(ratusz.url, 'demo-chancellery')
  const head = await login(ratusz.url, 'demo-head')
  const lublin = (
    (await api(ratusz.url, 'GET', '/api/v1/offices', admin)).items as { id: string; code: string }[]
  ).find((o) => o.code === 'LUB-BOM')!.id
  const units = (await api(ratusz.url, 'GET', `/api/v1/offices/${lublin}/units`, admin)).items as {
    id: string
  }[]
  const rows: Row[] = [
    reference,
    {
      name: 'POST …/incoming (register a letter)',
      result: await measure(
        {
          url: `${ratusz.url}/api/v1/offices/${lublin}/incoming`,
          post: letter,
          headers: { authorization: `Bearer ${clerk}` },
          ...common,
        },
        options.rounds,
      ),
      memoryMiB: ratusz.peakMemoryMiB(),
    },
  ]
  const search = await sequential(
    QUERIES.map((q) => `${ratusz.url}/api/v1/search?q=${encodeURIComponent(q)}`),
    admin,
    400,
  )
  const inTray = await sequential(
    units.flatMap((u) =>
      ['in-progress', 'awaiting-approval', 'suspended'].map(
        (status) => `${ratusz.url}/api/v1/cases?officeId=${lublin}&unitId=${u.id}&status=${status}&limit=50`,
      ),
    ),
    head,
    400,
  )
  await ratusz.stop()

  printTable(
    `records on ${dialect}: ${CASES} cases, ${2 * CASES} letters, ${options.rounds} rounds x ${options.seconds} s, ${connections} connections, medians`,
    baseline,
    rows,
  )
  const ratio = rows[1]!.result.requestsPerSecond / reference.result.requestsPerSecond
  process.stdout.write(
    `${[
      `registration vs the same work on the bare driver: ${ratio.toFixed(2)}`,
      `search (one client, ${QUERIES.length} queries): p50 ${search.p50} ms, p95 ${search.p95} ms, max ${search.max} ms`,
      `search medians per query: ${search.medians.join('; ')}`,
      `filtered in-tray (one client, unit × status, 50 a page): p50 ${inTray.p50} ms, p95 ${inTray.p95} ms, max ${inTray.max} ms`,
      `database: ${(bytes / 2 ** 30).toFixed(2)} GiB, ${((bytes / 2 ** 30) * (1_000_000 / CASES)).toFixed(2)} GiB per 10^6 cases; seeded in ${seedSeconds} s`,
    ].join('\n')}\n`,
  )
  return [baseline, ...rows]
}
