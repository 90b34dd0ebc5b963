import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import type { DialectName } from '../../src/platform/db/index.js'
import { CHEAP_PASSWORD_HASHING } from './cheap-hashing.js'
import { freshDatabaseEnv } from './databases.js'
import { freePort } from './free-port.js'
import { WAIT_MS } from './patience.js'
import { demoRecipe, runBlobDir } from './test-app.js'

export const ROOT = join(import.meta.dirname, '..', '..')
/** The installed command, as an operator runs it (built by `npm install`/`npm run build`). */
export const RATUSZ_BIN = join(ROOT, 'bin', 'ratusz.js')

export function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it first)')
  }
}

/**
 * Environment for a Ratusz process on a database that holds the whole demo network, as a first start
 * seeds it (a copy of the run's template, not a seed of its own): for tests whose subject is not the
 * seed. The seeded records' files are in the run's folder of stored files, which the process is given.
 */
export async function demoSeededEnv(dialect: DialectName): Promise<Record<string, string>> {
  const recipe = demoRecipe({ catalogue: true, queues: true, records: true }, {}, undefined)
  return {
    ...(await freshDatabaseEnv(dialect, { recipe })),
    RATUSZ_BLOB_DIR: runBlobDir(),
  }
}

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `ratusz <args>` to completion. */
export function runRatusz(args: string[], env: Record<string, string>, timeoutMs = WAIT_MS): Promise<Run> {
  assertBuilt()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RATUSZ_BIN, ...args], {
      env: { ...cleanEnv(), ...env },
      cwd: ROOT,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += String(d)
    })
    child.stderr.on('data', (d) => {
      stderr += String(d)
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`ratusz ${args.join(' ')} timed out\n${stdout}\n${stderr}`))
    }, timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

export interface Server {
  child: ChildProcess
  url: string
  output: () => string
  /** Milliseconds from spawn to the first successful answer. */
  startupMs: number
  exited: Promise<number | null>
}

/** Starts `ratusz serve` on a free port and waits until it answers /healthz. Killed at test end. */
export async function startServer(env: Record<string, string>): Promise<Server> {
  assertBuilt()
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, [RATUSZ_BIN, 'serve'], {
    env: { ...cleanEnv(), LOG_LEVEL: 'info', ...env, PORT: String(port), HOST: '127.0.0.1' },
    cwd: ROOT,
  })
  let output = ''
  child.stdout?.on('data', (d) => {
    output += String(d)
  })
  child.stderr?.on('data', (d) => {
    output += String(d)
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
  })
  const url = `http://127.0.0.1:${port}`
  for (;;) {
    if (child.exitCode !== null) throw new Error(`ratusz exited with ${child.exitCode}:\n${output}`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.ok) break
    } catch {}
    if (performance.now() - started > WAIT_MS)
      throw new Error(`ratusz did not answer within ${WAIT_MS / 1000} s:\n${output}`)
    await new Promise((r) => setTimeout(r, 25))
  }
  return { child, url, output: () => output, startupMs: performance.now() - started, exited }
}

/**
 * The environment without the developer's Ratusz settings, so tests see a fresh install, but for the
 * cheap password hashing every test uses (the production cost has its own test).
 */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = { ...CHEAP_PASSWORD_HASHING }
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(RATUSZ_|DATABASE_URL|PORT|HOST|LOG_LEVEL)/.test(key)) env[key] = value
  }
  return env
}
