import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { freePort } from '../test/support/free-port.js'

export const ROOT = join(import.meta.dirname, '..')

export interface Served {
  url: string
  child: ChildProcess
  stop(): Promise<void>
  /** Peak resident memory of the server process so far (VmHWM), in MiB. */
  peakMemoryMiB(): number
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  const started = Date.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    try {
      if ((await fetch(url)).status < 500) return
    } catch {}
    if (Date.now() - started > 30_000) throw new Error(`${url} did not answer in 30 s`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function serveProcess(args: string[], env: Record<string, string>, probe: string): Promise<Served> {
  const port = await freePort()
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: 'ignore',
  })
  const url = `http://127.0.0.1:${port}`
  await waitUntilUp(`${url}${probe}`, child)
  return {
    url,
    child,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    },
    peakMemoryMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0)
      return Math.round((kb / 1024) * 10) / 10
    },
  }
}

/** The yardstick row: the bare route measured the same way as the scenario's, then stopped. */
export async function measureBare(
  options: { seconds: number; connections: number },
  rounds: number,
): Promise<Row> {
  const bare = await serveBare()
  const result = await measure({ url: `${bare.url}/bare`, ...options }, rounds)
  const row = { name: 'bare Fastify + SQLite insert', result, memoryMiB: bare.peakMemoryMiB() }
  await bare.stop()
  return row
}

/** The hand-written registration on the bare stack (bench/bare-registration.mjs): POST /register. */
export function serveBareRegistration(databaseUrl?: string): Promise<Served> {
  return databaseUrl
    ? serveProcess(
        [join(ROOT, 'bench', 'bare-registration-pg.mjs')],
        { BENCH_DATABASE_URL: databaseUrl },
        '/',
      )
    : serveProcess([join(ROOT, 'bench', 'bare-registration.mjs')], {}, '/')
}

/**
 * The hand-written queue on the bare stack (bench/bare-queue.mjs): POST /tickets and
 * POST /desks/desk-<i>/call-next, on SQLite or (with a URL) PostgreSQL.
 */
export function serveBareQueue(databaseUrl?: string): Promise<Served> {
  return serveProcess(
    [join(ROOT, 'bench', 'bare-queue.mjs')],
    databaseUrl ? { BENCH_DATABASE_URL: databaseUrl } : {},
    '/',
  )
}

/** The bare Fastify + SQLite insert route. */
export function serveBare(): Promise<Served> {
  return serveProcess([join(ROOT, 'bench', 'bare-server.mjs')], {}, '/bare')
}

/**
 * Ratusz as installed (`bin/ratusz.js serve`, built code) on a new SQLite database with the demo
 * network, default settings (JSON request logs at info, written to a discarded stdout).
 */
export function serveRatusz(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ratusz-bench-'))
  return serveProcess(
    [...nodeArgs, join(ROOT, 'bin', 'ratusz.js'), 'serve'],
    { HOST: '127.0.0.1', RATUSZ_DATA_DIR: dataDir, ...env },
    '/healthz',
  )
}

export interface LoadResult {
  requestsPerSecond: number
  p50: number
  p99: number
  non2xx: number
  errors: number
}

export interface LoadOptions {
  url: string
  /** Paths to cycle through on `url` (each connection takes them in turn); default: `url` alone. */
  paths?: string[]
  headers?: Record<string, string>
  connections?: number
  seconds?: number
  /** A POST of this JSON body instead of GETs (a registration). */
  post?: unknown
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    headers: options.headers ?? {},
    connections: options.connections ?? 20,
    duration: options.seconds ?? 5,
    ...(options.paths ? { requests: options.paths.map((path) => ({ method: 'GET' as const, path })) } : {}),
    ...(options.post === undefined
      ? {}
      : {
          method: 'POST' as const,
          body: JSON.stringify(options.post),
          headers: { ...options.headers, 'content-type': 'application/json' },
        }),
  })
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Runs `rounds` loads (after a short warm-up) and keeps the medians. */
export async function measure(options: LoadOptions, rounds: number): Promise<LoadResult> {
  await load({ ...options, seconds: 1 })
  const runs: LoadResult[] = []
  for (let i = 0; i < rounds; i++) runs.push(await load(options))
  return mediansOf(runs)
}

/** Several runs' medians (requests/s, p50, p99) and their summed refusals and errors. */
export function mediansOf(runs: LoadResult[]): LoadResult {
  return {
    requestsPerSecond: Math.round(median(runs.map((r) => r.requestsPerSecond))),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  }
}

export interface Row {
  name: string
  result: LoadResult
  memoryMiB: number
}

export function printTable(title: string, baseline: Row, rows: Row[]): void {
  const lines = [
    `\n${title}`,
    `${'scenario'.padEnd(34)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'peak MiB'.padStart(9)} ${'vs bare'.padStart(8)}`,
  ]
  for (const row of [baseline, ...rows]) {
    const ratio = row.result.requestsPerSecond / baseline.result.requestsPerSecond
    const flags =
      row.result.non2xx || row.result.errors
        ? `  (!) ${row.result.non2xx} non-2xx, ${row.result.errors} errors`
        : ''
    lines.push(
      `${row.name.padEnd(34)} ${String(row.result.requestsPerSecond).padStart(8)} ${String(row.result.p50).padStart(7)} ${String(row.result.p99).padStart(7)} ${String(row.memoryMiB).padStart(9)} ${ratio.toFixed(2).padStart(8)}${flags}`,
    )
  }
  process.stdout.write(`${lines.join('\n')}\n`)
}

type Json = Record<string, unknown>

/** One API call from the benchmark's set-up; a refusal stops the run with what the server said. */
export async function api(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Json> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return text ? (JSON.parse(text) as Json) : {}
}

/** A bearer token for a user (the demo's password by default). */
export const login = async (base: string, user: string, password = `${user}-pass`) =>
  (await api(base, 'POST', '/api/v1/auth/login', undefined, { login: user, password })).token as string

/**
 * One board's live stream (`/board/events`, a socket of its own): `ready` is true once its first
 * board arrives (false when the stream fails or stays silent 30 s); `onCalled` gets each call's time.
 */
export function boardStream(
  url: string,
  onCalled: (calledAt: string) => void,
): { ready: Promise<boolean>; destroy(): void } {
  const at = new URL(url)
  let settle: (ok: boolean) => void = () => {}
  const ready = new Promise<boolean>((resolve) => {
    settle = resolve
  })
  const req = request({ host: at.hostname, port: at.port, path: at.pathname, agent: false }, (res) => {
    let buffer = ''
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      buffer += chunk
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (/^event: board$/m.test(block)) settle(true)
        if (/^event: called$/m.test(block))
          onCalled((JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { calledAt: string }).calledAt)
      }
    })
  })
  req.on('error', () => settle(false))
  req.setTimeout(30_000, () => {
    settle(false)
    req.destroy()
  })
  req.end()
  return { ready, destroy: () => req.destroy() }
}
