import { onTestFinished } from 'vitest'
import { buildApp } from '../../src/app/build-app.js'
import type { Clock } from '../../src/platform/clock.js'
import type { Config } from '../../src/platform/config.js'
import type { DialectName } from '../../src/platform/db/index.js'
import { freshDatabase } from './databases.js'
import { demoRecipe, testConfig } from './test-app.js'

/**
 * Two Ratusz instances on one PostgreSQL schema with the demo network, as behind a load balancer;
 * closed when the test ends. (SQLite is one process's database: two in-process handles on one file
 * would block each other's event loop in SQLite's busy wait.)
 */
export async function twoInstances(dialect: DialectName, clock?: Clock, config: Partial<Config> = {}) {
  const recipe = demoRecipe({ catalogue: false, queues: false, records: false }, config, clock)
  const database = await freshDatabase(dialect, { keepOpen: true, recipe })
  const options = { config: testConfig(config), logger: false as const, ...(clock ? { clock } : {}) }
  const a = await buildApp({ ...options, database })
  const b = await buildApp({ ...options, database: database.reopen() })
  onTestFinished(async () => {
    await a.close()
    await b.close()
  })
  return { a, b, database }
}
