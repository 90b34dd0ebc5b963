import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { OfficeOut } from '../seed-network.js'
import { boardStream, median, ROOT, type Row, type Served, serveRatusz } from '../support.js'

/**
 * network-day: a national network's busy day on PostgreSQL with two Ratusz instances (issue 17).
 * 4,000 offices (BENCH_OFFICES) with 5–20 desks each, clerks at every desk, a kiosk in each, bookings
 * in every tenth; board streams held open on both instances (BENCH_BOARDS). Then, open-loop (arrivals
 * at a rate, whatever the answers take): the day's peak minute at real speed after a warm-up at the
 * same rate, and a ramp at 2×, 4×, 8× and 16× that rate to find what this machine sustains. Residents
 * arrive (ticket at the kiosk, or check-in of a booking), free desks call the next, serve 5–30 s and
 * finish (one in twenty is transferred to queue B and called again), and people read the catalogue and
 * the boards. Needs BENCH_DATABASE_URL (an empty database); works in a schema of its own, dropped at
 * the end unless BENCH_KEEP=1.
 */
const DAY_TICKETS = Number(process.env.BENCH_DAY_TICKETS ?? 400_000)
/** Share of the day's tickets per hour from 08:00 to 17:00: the morning peak at 10–11. */
const DAY_CURVE = [0.06, 0.14, 0.17, 0.15, 0.12, 0.1, 0.1, 0.09, 0.07]
/** The busiest minute of the busiest hour, as a multiple of that hour's mean minute. */
const PEAK_MINUTE_FACTOR = 1.2
/** In an office that takes bookings (every tenth), the share of arrivals that come booked. */
const BOOKED_SHARE = 0.5
const TRANSFER_SHARE = 0.05
const READS_PER_TICKET = 2

interface Manifest {
  offices: OfficeOut[]
}

type Op = 'issue' | 'check-in' | 'call-next' | 'finish' | 'transfer' | 'read'

class Stats {
  byOp = new Map<Op, number[]>()
  errors = new Map<string, number>()
  windowTimes: number[] = []
  done = 0
  add(op: Op, ms: number) {
    const list = this.byOp.get(op) ?? []
    list.push(ms)
    this.byOp.set(op, list)
    this.windowTimes.push(ms)
    this.done += 1
  }
  fail(what: string) {
    this.errors.set(what, (this.errors.get(what) ?? 0) + 1)
  }
}

const pct = (values: number[], q: number) => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10
}

/** CPU seconds (user + system) of a process, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres'
      } catch {
        return false
      }
    })
    .map(Number)
}
const postgresCpu = () => postgresPids().reduce((n, pid) => n + cpuSeconds(pid), 0)
const rssMiB = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
}

/** The simulated network: who waits where, which desk is free, which ticket each desk serves. */
class Network {
  waiting = new Map<string, number>()
  free = new Map<string, { id: string; token: string }[]>()
  bookings = new Map<string, string[]>()
  constructor(
    readonly m: Manifest,
    readonly instances: string[],
    readonly stats: () => Stats,
  ) {
    for (const o of m.offices) {
      this.waiting.set(o.id, 0)
      this.free.set(o.id, [...o.desks])
      this.bookings.set(o.id, [...o.bookings])
    }
  }

  #turn = 0
  base() {
    this.#turn += 1
    return this.instances[this.#turn % this.instances.length]!
  }

  async send(op: Op, method: string, path: string, token: string | null, body?: unknown) {
    const started = performance.now()
    try {
      const res = await fetch(`${this.base()}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      })
      const text = await res.text()
      this.stats().add(op, performance.now() - started)
      if (res.status >= 400) {
        this.stats().fail(`${op} ${res.status}`)
        return null
      }
      return text ? (JSON.parse(text) as Record<string, unknown>) : {}
    } catch (error) {
      this.stats().fail(`${op} ${(error as Error).message}`)
      return null
    }
  }

  /** A resident arrives at office `o`: a booking checked in, or a ticket from the kiosk. */
  async arrive(o: Manifest['offices'][number]) {
    const codes = this.bookings.get(o.id)!
    const booked = codes.length > 0 && Math.random() < BOOKED_SHARE
    const made = booked
      ? await this.send('check-in', 'POST', `/api/v1/offices/${o.id}/check-in`, o.kiosk, {
          code: codes.pop(),
        })
      : await this.send('issue', 'POST', `/api/v1/offices/${o.id}/tickets`, o.kiosk, { queueId: o.queues.A })
    if (!made) return
    this.waiting.set(o.id, this.waiting.get(o.id)! + 1)
    this.wake(o)
  }

  /** A free desk of the office calls the next, after a moment. */
  wake(o: Manifest['offices'][number]) {
    const desks = this.free.get(o.id)!
    if (desks.length === 0 || this.waiting.get(o.id)! === 0) return
    const desk = desks.pop()!
    this.waiting.set(o.id, this.waiting.get(o.id)! - 1)
    setTimeout(() => void this.serve(o, desk), 200 + Math.random() * 1500)
  }

  async serve(o: Manifest['offices'][number], desk: { id: string; token: string }) {
    const ticket = await this.send('call-next', 'POST', `/api/v1/desks/${desk.id}/call-next`, desk.token)
    if (!ticket?.id) {
      this.free.get(o.id)!.push(desk)
      return
    }
    setTimeout(
      async () => {
        if (Math.random() < TRANSFER_SHARE) {
          const moved = await this.send(
            'transfer',
            'POST',
            `/api/v1/tickets/${ticket.id}/transfer`,
            desk.token,
            {
              queueId: o.queues.B,
            },
          )
          if (moved) this.waiting.set(o.id, this.waiting.get(o.id)! + 1)
        } else await this.send('finish', 'POST', `/api/v1/tickets/${ticket.id}/finish`, desk.token, {})
        this.free.get(o.id)!.push(desk)
        this.wake(o)
      },
      5_000 + Math.random() * 25_000,
    )
  }

  read(o: Manifest['offices'][number]) {
    return Math.random() < 0.5
      ? this.send('read', 'GET', '/api/v1/services?limit=20', null)
      : this.send('read', 'GET', `/api/v1/offices/${o.id}/board`, null)
  }
}

/** Board streams on both instances; every `called` event's delay (arrival − the call's time). */
async function openBoards(m: Manifest, instances: string[], n: number) {
  const delays: number[] = []
  const streams: { destroy(): void }[] = []
  let opened = 0
  let failed = 0
  for (let i = 0; i < n; i += 200) {
    const batch = Array.from({ length: Math.min(200, n - i) }, (_, j) => {
      const office = m.offices[(i + j) % m.offices.length]!
      const base = instances[(i + j) % instances.length]
      return boardStream(`${base}/api/v1/offices/${office.id}/board/events`, (calledAt) =>
        delays.push(Date.now() - Date.parse(calledAt)),
      )
    })
    streams.push(...batch)
    const ready = await Promise.all(batch.map((s) => s.ready))
    opened += ready.filter(Boolean).length
    failed += ready.length - ready.filter(Boolean).length
  }
  return {
    delays,
    opened: () => opened,
    failed: () => failed,
    close: () => {
      for (const s of streams) s.destroy()
    },
  }
}

interface PhaseReport {
  name: string
  seconds: number
  targetTicketsPerSecond: number
  opsPerSecond: number
  byOp: Record<string, { n: number; p50: number; p99: number }>
  p99: number
  errors: Record<string, number>
  cpu: { instanceA: number; instanceB: number; postgres: number }
  rssMiB: { instanceA: number; instanceB: number }
}

/** Arrivals at `rate` tickets/s (and reads beside them) for `seconds`, open-loop. */
async function phase(
  net: Network,
  m: Manifest,
  servers: Served[],
  name: string,
  rate: number,
  seconds: number,
  setStats: (s: Stats) => void,
): Promise<PhaseReport> {
  const stats = new Stats()
  setStats(stats)
  const cpu0 = [cpuSeconds(servers[0]!.child.pid!), cpuSeconds(servers[1]!.child.pid!), postgresCpu()]
  const started = performance.now()
  let due = 0
  let lastReport = started
  let lastDone = 0
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now()
      if (now - started >= seconds * 1000) {
        clearInterval(tick)
        resolve()
        return
      }
      due += (rate * (1 + READS_PER_TICKET) * 20) / 1000
      while (due >= 1) {
        due -= 1
        const office = m.offices[Math.floor(Math.random() * m.offices.length)]!
        if (Math.random() < 1 / (1 + READS_PER_TICKET)) void net.arrive(office)
        else void net.read(office)
      }
      if (now - lastReport >= 5000) {
        const window = stats.windowTimes.splice(0)
        process.stdout.write(
          `  [${name}] ${((now - started) / 1000).toFixed(0)} s: ${Math.round(((stats.done - lastDone) * 1000) / (now - lastReport))} ops/s, p99 ${pct(window, 0.99)} ms, errors ${[...stats.errors.values()].reduce((a, b) => a + b, 0)}\n`,
        )
        lastReport = now
        lastDone = stats.done
      }
    }, 20)
  })
  const elapsed = (performance.now() - started) / 1000
  const cpu1 = [cpuSeconds(servers[0]!.child.pid!), cpuSeconds(servers[1]!.child.pid!), postgresCpu()]
  const all = [...stats.byOp.values()].flat()
  return {
    name,
    seconds: Math.round(elapsed),
    targetTicketsPerSecond: Math.round(rate * 10) / 10,
    opsPerSecond: Math.round(stats.done / elapsed),
    byOp: Object.fromEntries(
      [...stats.byOp].map(([op, times]) => [
        op,
        { n: times.length, p50: pct(times, 0.5), p99: pct(times, 0.99) },
      ]),
    ),
    p99: pct(all, 0.99),
    errors: Object.fromEntries(stats.errors),
    cpu: {
      instanceA: Math.round(((cpu1[0]! - cpu0[0]!) / elapsed) * 100),
      instanceB: Math.round(((cpu1[1]! - cpu0[1]!) / elapsed) * 100),
      postgres: Math.round(((cpu1[2]! - cpu0[2]!) / elapsed) * 100),
    },
    rssMiB: { instanceA: rssMiB(servers[0]!.child.pid!), instanceB: rssMiB(servers[1]!.child.pid!) },
  }
}

export async function run(): Promise<Row[]> {
  const base = process.env.BENCH_DATABASE_URL
  if (!base) throw new Error('network-day runs on PostgreSQL: set BENCH_DATABASE_URL to an empty database')
  const offices = Number(process.env.BENCH_OFFICES ?? 4000)
  const boards = Number(process.env.BENCH_BOARDS ?? 2000)
  const schema = `network_day_${process.pid}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const separator = base.includes('?') ? '&' : '?'
  const url = `${base}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`
  const sizeOf = async () =>
    Number(
      (
        await admin.query(
          `select coalesce(sum(pg_total_relation_size(c.oid)), 0) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r', 'm')`,
          [schema],
        )
      ).rows[0].bytes,
    )
  const servers: Served[] = []
  try {
    const manifestFile = join(mkdtempSync(join(tmpdir(), 'ratusz-network-')), 'network.json')
    const seedStarted = Date.now()
    process.stdout.write(`seeding ${offices} offices (progress on stderr)…\n`)
    const seeded = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', 'seed-network.ts'), String(offices), manifestFile],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    )
    if (seeded.status !== 0) throw new Error(`seeding failed (${seeded.status})`)
    const seedSeconds = Math.round((Date.now() - seedStarted) / 1000)
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest
    const desks = m.offices.reduce((n, o) => n + o.desks.length, 0)
    const sizeSeeded = await sizeOf()

    const env = {
      DATABASE_URL: url,
      RATUSZ_DEMO: '0',
      RATUSZ_DATA_DIR: mkdtempSync(join(tmpdir(), 'ratusz-network-data-')),
      LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: '20',
    }
    servers.push(await serveRatusz(env), await serveRatusz(env))
    const instances = servers.map((s) => s.url)
    process.stdout.write(`two instances up; opening ${boards} board streams…\n`)
    const board = await openBoards(m, instances, boards)
    process.stdout.write(`boards open: ${board.opened()} (failed ${board.failed()})\n`)
    // The network was made this morning: each office's jobs of the night (expiring yesterday's
    // tickets, opening slots, reminders at 07:00) fall due at once on start. The day begins once
    // they have run, as it would after a real night.
    const night = await drainJobs(admin, schema)
    process.stdout.write(`the night's jobs: ${night.jobs} ran in ${night.seconds} s before the day\n`)

    let current = new Stats()
    const net = new Network(m, instances, () => current)
    const set = (s: Stats) => {
      current = s
    }
    const peakHour = Math.max(...DAY_CURVE) * DAY_TICKETS
    const peakRate = (peakHour / 3600) * PEAK_MINUTE_FACTOR
    const reports: PhaseReport[] = []
    const ticketsBefore = Number((await admin.query(`select count(*) from ${schema}.tickets`)).rows[0].count)
    const sizeBefore = await sizeOf()
    reports.push(await phase(net, m, servers, 'warm-up at the peak rate', peakRate, 30, set))
    const boardMark = board.delays.length
    const profiled = await statementsReset(admin)
    reports.push(await phase(net, m, servers, 'peak minute, real speed', peakRate, 60, set))
    const statements = profiled ? await topStatements(admin, schema) : null
    const peakBoard = board.delays.slice(boardMark)
    for (const factor of (process.env.BENCH_RAMP ?? '2,4,8,16').split(',').map(Number))
      reports.push(await phase(net, m, servers, `ramp ${factor}x`, peakRate * factor, 30, set))
    await new Promise((r) => setTimeout(r, 35_000)) // the last services finish
    const tickets =
      Number((await admin.query(`select count(*) from ${schema}.tickets`)).rows[0].count) - ticketsBefore
    const bytesPerTicket = (((await sizeOf()) - sizeBefore) / Math.max(1, tickets)) | 0
    board.close()

    process.stdout.write(
      `\nnetwork-day on PostgreSQL: ${m.offices.length} offices, ${desks} desks, ${m.offices.reduce((n, o) => n + o.bookings.length, 0)} bookings, seeded in ${seedSeconds} s (${(sizeSeeded / 2 ** 20).toFixed(0)} MiB); ${board.opened()} board streams\n`,
    )
    process.stdout.write(
      `${'phase'.padEnd(28)} ${'tickets/s'.padStart(9)} ${'ops/s'.padStart(6)} ${'p99'.padStart(7)}  ${'issue p50/p99'.padStart(14)} ${'call p50/p99'.padStart(13)} ${'finish p50/p99'.padStart(15)} ${'read p50/p99'.padStart(13)}  CPU% A/B/PG  errors\n`,
    )
    const pp = (r: PhaseReport, op: string) => (r.byOp[op] ? `${r.byOp[op]!.p50}/${r.byOp[op]!.p99}` : '-')
    for (const r of reports)
      process.stdout.write(
        `${r.name.padEnd(28)} ${String(r.targetTicketsPerSecond).padStart(9)} ${String(r.opsPerSecond).padStart(6)} ${String(r.p99).padStart(7)}  ${pp(r, 'issue').padStart(14)} ${pp(r, 'call-next').padStart(13)} ${pp(r, 'finish').padStart(15)} ${pp(r, 'read').padStart(13)}  ${r.cpu.instanceA}/${r.cpu.instanceB}/${r.cpu.postgres}  ${JSON.stringify(r.errors)}\n`,
      )
    process.stdout.write(
      `board delay in the peak minute: ${peakBoard.length} events, p50 ${pct(peakBoard, 0.5)} ms, p99 ${pct(peakBoard, 0.99)} ms; over the run p99 ${pct(board.delays, 0.99)} ms\n` +
        `database: ${(sizeSeeded / 2 ** 20).toFixed(0)} MiB seeded, ${bytesPerTicket} bytes per ticket with its calls, audit and history → ${((bytesPerTicket * DAY_TICKETS) / 2 ** 30).toFixed(2)} GiB per day of ${DAY_TICKETS} tickets\n` +
        `memory (RSS) at the end: A ${rssMiB(servers[0]!.child.pid!)} MiB, B ${rssMiB(servers[1]!.child.pid!)} MiB\n`,
    )
    process.stdout.write(
      statements
        ? `PostgreSQL in the peak minute (pg_stat_statements), by total time:\n${statements}\n`
        : 'PostgreSQL in the peak minute: not profiled (no pg_stat_statements: shared_preload_libraries = pg_stat_statements)\n',
    )
    const peak = reports[1]!
    return reports.map((r) => ({
      name: r.name,
      result: {
        requestsPerSecond: r.opsPerSecond,
        p50: median(Object.values(r.byOp).map((o) => o.p50)),
        p99: r.p99,
        non2xx: Object.values(r.errors).reduce((a, b) => a + b, 0),
        errors: 0,
      },
      memoryMiB: Math.max(servers[0]!.peakMemoryMiB(), servers[1]!.peakMemoryMiB()),
      ...(r === peak ? { board: { p50: pct(peakBoard, 0.5), p99: pct(peakBoard, 0.99) } } : {}),
      detail: r,
    }))
  } finally {
    for (const s of servers) await s.stop()
    if (process.env.BENCH_KEEP !== '1') await admin.query(`drop schema ${schema} cascade`)
    await admin.end()
  }
}

/** Empties pg_stat_statements, so that it counts one phase; false when the server does not have it. */
async function statementsReset(admin: pg.Client): Promise<boolean> {
  try {
    await admin.query('create extension if not exists pg_stat_statements')
    await admin.query('select pg_stat_statements_reset()')
    return true
  } catch {
    return false
  }
}

/** The statements of the benchmark's schema that took PostgreSQL the most time since the reset. */
async function topStatements(admin: pg.Client, schema: string): Promise<string> {
  const { rows } = await admin.query<{ calls: number; total: number; mean: number; query: string }>(
    `select calls::int, total_exec_time + total_plan_time as total, (total_exec_time + total_plan_time) / calls as mean, query
       from pg_stat_statements s
      where s.query not like '%pg_stat_statements%' and s.query not like $1
      order by total desc limit 15`,
    [`%${schema}.%`],
  )
  const all = (
    await admin.query<{ calls: number; total: number }>(
      'select sum(calls)::int as calls, sum(total_exec_time + total_plan_time) as total from pg_stat_statements',
    )
  ).rows[0]!
  return [
    `  all: ${all.calls} statements, ${Math.round(all.total)} ms`,
    ...rows.map(
      (r) =>
        `  ${String(r.calls).padStart(7)} calls ${Math.round(r.total).toString().padStart(6)} ms ${r.mean.toFixed(3).padStart(7)} ms/call  ${r.query.replace(/\s+/g, ' ').slice(0, 110)}`,
    ),
  ].join('\n')
}

/** Waits (at most 10 minutes) until no job is due any more; how many ran and how long it took. */
async function drainJobs(admin: pg.Client, schema: string): Promise<{ jobs: number; seconds: number }> {
  const started = Date.now()
  const due = async () =>
    Number(
      (
        await admin.query(
          `select count(*) as n from ${schema}.jobs where status in ('pending', 'running') and run_at <= $1`,
          [new Date().toISOString()],
        )
      ).rows[0].n,
    )
  const first = await due()
  let left = first
  while (left > 0 && Date.now() - started < 600_000) {
    await new Promise((r) => setTimeout(r, 2_000))
    left = await due()
    process.stdout.write(`  [night's jobs] ${left} due\n`)
  }
  return { jobs: first - left, seconds: Math.round((Date.now() - started) / 1000) }
}
