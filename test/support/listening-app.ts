import { buildApp } from '../../src/app/build-app.js'
import type { Config } from '../../src/platform/config.js'
import type { DialectName } from '../../src/platform/db/index.js'
import { freshDatabase } from './databases.js'
import { freePort } from './free-port.js'
import { demoRecipe, testConfig } from './test-app.js'

/** The app on a real socket (for a browser), on a fresh database with the demo network. */
export async function listeningApp(
  dialect: DialectName = 'sqlite',
  options: {
    /** Settings that need the app's own address (its public URL, a provider it serves itself). */
    config?: (url: string) => Partial<Config>
    demoCatalogue?: boolean
  } = {},
) {
  const chosen = options.config ? await freePort() : 0
  const overrides = options.config?.(`http://127.0.0.1:${chosen}`) ?? {}
  const demo = { catalogue: options.demoCatalogue ?? true, queues: true, records: true }
  const database = await freshDatabase(dialect, {
    keepOpen: true,
    recipe: demoRecipe(demo, overrides, undefined),
  })
  const config = testConfig(overrides)
  const app = await buildApp({ config, database, logger: process.env.TEST_LOG ? { level: 'info' } : false })
  await app.listen({ port: chosen, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { app: Object.assign(app, { database }), url: `http://127.0.0.1:${port}` }
}
