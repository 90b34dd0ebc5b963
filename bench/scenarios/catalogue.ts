import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { measure, measureBare, printTable, ROOT, type Row, serveRatusz } from '../support.js'

const CARDS = Number(process.env.BENCH_CARDS ?? 5000)
// Common subjects (each on about 1 card in 100) and rare ones (a card or two), as residents type them.
const QUERIES = [
  'pasport',
  'dowod',
  'registration',
  'reiestratsiia',
  'subsidy tax',
  'будівництво 42',
  'zaswiadczenie',
  'kaloma',
  'tenvitche',
  'borlis',
]

/** Single-client latency of one request, repeated: the percentiles a resident would feel. */
async function sequentialLatency(
  urls: string[],
  rounds: number,
): Promise<{ p50: number; p95: number; max: number }> {
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const url = urls[i % urls.length]!
    const t = performance.now()
    const res = await fetch(url)
    await res.arrayBuffer()
    if (!res.ok) throw new Error(`${url}: ${res.status}`)
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10
  return { p50: at(0.5), p95: at(0.95), max: at(1) }
}

/**
 * catalogue: 5,000 published cards (plus the 32 demo cards). Search latency (single client, p50/p95)
 * and under load, and the card page under load, against the bare Fastify + SQLite insert route.
 * PostgreSQL: set BENCH_DATABASE_URL to an empty database.
 */
export async function run(options: { rounds: number; seconds: number; connections: number }): Promise<Row[]> {
  const env: Record<string, string> = {
    RATUSZ_DATA_DIR: mkdtempSync(join(tmpdir(), 'ratusz-bench-cat-')),
    LOG_LEVEL: 'warn',
  }
  if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL
  const dialect = env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'
  process.stdout.write(`seeding ${CARDS} cards on ${dialect}…\n`)
  const seeded = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench', 'seed-catalogue.ts'), String(CARDS)],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] },
  )
  if (seeded.status !== 0) throw new Error('seeding failed')

  const common = { seconds: options.seconds, connections: options.connections }
  const baseline = await measureBare(common, options.rounds)

  const ratusz = await serveRatusz({ ...env, RATUSZ_DEMO: '0', LOG_LEVEL: 'info' })
  const searchPaths = QUERIES.map((q) => `/api/v1/services?q=${encodeURIComponent(q)}&lang=uk`)
  const single = await sequentialLatency(
    searchPaths.map((p) => `${ratusz.url}${p}`),
    700,
  )
  const rows: Row[] = [
    {
      name: 'GET /api/v1/services?q=… (search)',
      result: await measure({ url: ratusz.url, paths: searchPaths, ...common }, options.rounds),
      memoryMiB: ratusz.peakMemoryMiB(),
    },
  ]
  const pagePaths = Array.from({ length: 50 }, (_, i) => `/services/BENCH-${(i * 97) % CARDS}?lang=uk`)
  rows.push({
    name: 'GET /services/{code} (card page)',
    result: await measure({ url: ratusz.url, paths: pagePaths, ...common }, options.rounds),
    memoryMiB: ratusz.peakMemoryMiB(),
  })
  rows.push({
    name: 'GET /services?q=… (search page)',
    result: await measure(
      {
        url: ratusz.url,
        paths: QUERIES.map((q) => `/services?q=${encodeURIComponent(q)}&lang=pl`),
        ...common,
      },
      options.rounds,
    ),
    memoryMiB: ratusz.peakMemoryMiB(),
  })
  await ratusz.stop()

  printTable(
    `catalogue on ${dialect}: ${CARDS} cards, ${options.rounds} rounds x ${options.seconds} s, ${options.connections} connections, medians`,
    baseline,
    rows,
  )
  process.stdout.write(
    `search, one client, ${QUERIES.length} queries x 100: p50 ${single.p50} ms, p95 ${single.p95} ms, max ${single.max} ms\n`,
  )
  return [baseline, ...rows]
}
