import { buildApp } from '../../src/app/build-app.js'
import { seedDemo } from '../../src/app/demo/seed-demo.js'
import type { DialectName } from '../../src/platform/db/index.js'
import { freshDatabase } from './databases.js'
import { testConfig } from './test-app.js'

/** The app on a real socket (for a browser), on a fresh database with the demo network. */
export async function listeningApp(dialect: DialectName = 'sqlite') {
  const database = await freshDatabase(dialect, { keepOpen: true })
  const app = await buildApp({ config: testConfig(), database, logger: false })
  await seedDemo(app.services)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { app: Object.assign(app, { database }), url: `http://127.0.0.1:${port}` }
}
