import type { LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app/build-app.js'
import { seedDemo } from '../../src/app/demo/seed-demo.js'
import type { Clock } from '../../src/platform/clock.js'
import { type Config, loadConfig } from '../../src/platform/config.js'
import type { DialectName } from '../../src/platform/db/index.js'
import { freshDatabase, type TestDatabase } from './databases.js'

export type TestApp = Awaited<ReturnType<typeof buildApp>>

/** Configuration as a fresh install has it, with overrides; never reads the developer's .env. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    // Jobs run when a test asks (app.jobs.runDue()), or with runJobs: true.
    ...loadConfig(
      { RATUSZ_DATA_DIR: '/tmp/ratusz-test-unused', LOG_LEVEL: 'silent', RATUSZ_JOBS: 'off' },
      '/nonexistent',
    ),
    ...overrides,
  }
}

/**
 * A running app (in-process, no socket) on a fresh database; closed when the test ends. `database` is
 * the database under it, for what no route shows (e.g. how a value is stored).
 */
export async function testApp(
  dialect: DialectName,
  options: {
    config?: Partial<Config>
    clock?: Clock
    demo?: boolean
    demoCatalogue?: boolean
    /** The demo's queues too (off by default: queue tests make their own). */
    demoQueues?: boolean
    /** The records demo's letters and cases too (the classifications are always there). */
    demoRecords?: boolean
    /** A SQLite file rather than memory, for a second instance to open after it (a restart). */
    sqliteFile?: string
  } = {},
): Promise<TestApp & { database: TestDatabase }> {
  const database = await freshDatabase(dialect, {
    keepOpen: true,
    ...(options.sqliteFile ? { sqliteFile: options.sqliteFile } : {}),
  })
  const app = await buildApp({
    config: testConfig(options.config),
    database,
    logger: false,
    ...(options.clock ? { clock: options.clock } : {}),
  })
  const { onTestFinished } = await import('vitest')
  onTestFinished(async () => {
    await app.close()
  })
  if (options.demo)
    await seedDemo(app.services, undefined, {
      catalogue: options.demoCatalogue ?? false,
      queues: options.demoQueues ?? false,
      records: options.demoRecords ?? false,
    })
  await app.ready()
  return Object.assign(app, { database })
}

/** Signs in through the API and returns the bearer header for that user. */
export async function bearerFor(
  app: TestApp,
  login: string,
  password: string,
): Promise<{ authorization: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } })
  if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode} ${res.body}`)
  return { authorization: `Bearer ${res.json<{ token: string }>().token}` }
}

export function problemOf(res: LightMyRequestResponse) {
  return res.json<{
    type: string
    title: string
    status: number
    code: string
    detail?: string
    errors?: { path: string; message: string }[]
    requestId?: string
  }>()
}
