import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import { inject } from 'vitest'
import { migrations } from '../../migrations/index.js'
import { buildApp } from '../../src/app/build-app.js'
import { seedDemo } from '../../src/app/demo/seed-demo.js'
import { type Clock, FixedClock, systemClock } from '../../src/platform/clock.js'
import { type Config, loadConfig } from '../../src/platform/config.js'
import { type DialectName, migrateToLatest } from '../../src/platform/db/index.js'
import { CHEAP_PASSWORD_HASHING } from './cheap-hashing.js'
import { freshDatabase, type TestDatabase } from './databases.js'
import type { Recipe } from './templates.js'

export type TestApp = Awaited<ReturnType<typeof buildApp>>

/** The run's folder of stored files, which every app of the run shares (content-addressed). */
export const runBlobDir = () => join(inject('templatesDir'), 'blobs')

/**
 * Configuration as a fresh install has it, with overrides; never reads the developer's .env. Each call
 * has a data folder of its own (seals are kept there), so that nothing one test makes is found by
 * another; stored files go to one content-addressed folder of the run, as several instances share one.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig(
      {
        RATUSZ_DATA_DIR: overrides.dataDir ?? mkdtempSync(join(inject('templatesDir'), 'data-')),
        RATUSZ_BLOB_DIR: runBlobDir(),
        LOG_LEVEL: 'silent',
        // Jobs run when a test asks (app.jobs.runDue()), or with runJobs: true.
        RATUSZ_JOBS: 'off',
        // The cheapest password hashing argon2 allows (allowed under NODE_ENV=test only); the
        // production cost is checked in test/app/password-hashing.test.ts.
        ...CHEAP_PASSWORD_HASHING,
      },
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
  const demo = options.demo
    ? {
        catalogue: options.demoCatalogue ?? false,
        queues: options.demoQueues ?? false,
        records: options.demoRecords ?? false,
      }
    : null
  const database = await freshDatabase(dialect, {
    keepOpen: true,
    ...(demo ? { recipe: demoRecipe(demo, options.config ?? {}, options.clock) } : {}),
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
  await app.ready()
  return Object.assign(app, { database })
}

/**
 * Settings the demo seed does not read or keep, left out of a template's key so that tests differing
 * only in them (a loopback SMTP server's port, a data folder of their own, the password hashing cost,
 * the address of a browser test's server: no seeded row holds it) share one template. Any other
 * setting is in the key; the blob folder too when the seed stores the records' files there.
 */
const NOT_READ_BY_THE_SEED = [
  'port',
  'publicUrl',
  'host',
  'dataDir',
  'logLevel',
  'smtpUrl',
  'mailFrom',
  'runJobs',
  'compression',
  'metricsToken',
  'trustProxy',
  'bodyLimit',
  'uploadMaxBytes',
  'uploadTypes',
  'validationTimeoutMs',
  'revocation',
  'tsaUrl',
  'oidc',
  'demoOidc',
  'sealPassword',
  'require2fa',
  'passwordHashing',
] as const satisfies readonly (keyof Config)[]

/**
 * The demo network as `seedDemo` makes it, seeded once per run into a template for every test that
 * asks for the same part of it, under the same settings, at the same time. What the seed writes
 * depends on the time (slots over the booking horizon, dates of letters): a test's fixed clock is part
 * of the key; on the system clock, the hour (a copy made minutes earlier is as a slow seed would be).
 */
export function demoRecipe(
  demo: { catalogue: boolean; queues: boolean; records: boolean },
  config: Partial<Config>,
  clock: Clock | undefined,
): Recipe {
  const at = clock && clock !== systemClock ? clock.now().toISOString() : null
  const hour = new Date().toISOString().slice(0, 13)
  const seeding = Object.fromEntries(
    Object.entries(config).filter(
      ([name]) =>
        !(NOT_READ_BY_THE_SEED as readonly string[]).includes(name) && (demo.records || name !== 'blobDir'),
    ),
  )
  return {
    key: JSON.stringify({ demo, config: seeding, at: at ?? `system clock, ${hour}` }),
    prepare: async (database) => {
      await migrateToLatest(database.db, migrations)
      const app = await buildApp({
        config: testConfig(seeding),
        database,
        logger: false,
        ...(at ? { clock: new FixedClock(at) } : {}),
      })
      try {
        await seedDemo(app.services, undefined, demo)
      } finally {
        await app.close()
      }
    },
  }
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
