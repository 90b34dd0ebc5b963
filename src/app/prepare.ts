import { migrations } from '../../migrations/index.js'
import { SYSTEM_ACTOR } from '../modules/identity/index.js'
import type { Config } from '../platform/config.js'
import { type Database, migrateToLatest, openDatabase, sqliteFileIn } from '../platform/db/index.js'
import { AppError } from '../platform/errors.js'
import type { Services } from './build-app.js'
import { type SeedResult, seedDemo } from './demo/seed-demo.js'

export function openConfiguredDatabase(config: Config): Database {
  return config.databaseUrl
    ? openDatabase({
        databaseUrl: config.databaseUrl,
        poolSize: config.databasePoolSize,
        statementTimeoutMs: config.databaseStatementTimeoutMs,
        namedStatements: config.databaseNamedStatements,
      })
    : openDatabase({ sqliteFile: sqliteFileIn(config.dataDir) })
}

export async function migrate(database: Database, onStep?: (name: string) => void): Promise<string[]> {
  return migrateToLatest(database.db, migrations, onStep)
}

/** Creates the `admin` user from RATUSZ_ADMIN_PASSWORD when no user of that name exists. */
export async function bootstrapAdmin(config: Config, services: Services): Promise<boolean> {
  if (!config.adminPassword || (await services.users.userExists('admin'))) return false
  await services.users.createUser(SYSTEM_ACTOR, {
    login: 'admin',
    password: config.adminPassword,
    name: 'Administrator',
    roles: [{ role: 'admin', officeId: null }],
  })
  return true
}

export interface Prepared {
  admin: boolean
  demo: SeedResult | null
}

/**
 * What `serve` does before listening: the calendar's years around now stored, the catalogue's search
 * names folded as this version makes them, the bootstrap admin, then the demo network if wanted and
 * empty.
 */
export async function prepareData(config: Config, services: Services): Promise<Prepared> {
  const year = new Date().getUTCFullYear()
  await services.calendar.ensureSeeded([year - 1, year, year + 1])
  await services.catalogue.refreshSearchNames()
  const admin = await bootstrapAdmin(config, services)
  const demo = config.demo ? await seedDemo(services) : null
  // A demo network seals with demo seals from the start (made by a demo CA in the data folder), and
  // trusts that CA, so that its sealed receipts verify as passed (a real network trusts real CAs).
  if (demo) {
    await services.sealing.initDemo(await services.offices.listPublicOffices())
    const crt = await services.sealing.demoFile('crt')
    await services.signatures
      .addAnchors(SYSTEM_ACTOR, { bytes: crt, name: 'demo-ca.crt' })
      .catch((error: unknown) => {
        if (!(error instanceof AppError && error.status === 409)) throw error
      })
  }
  return { admin, demo }
}
