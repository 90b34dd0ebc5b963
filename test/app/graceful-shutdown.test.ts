import { expect, it } from 'vitest'
import { buildApp } from '../../src/app/build-app.js'
import { describeEachDatabase, freshDatabase } from '../support/databases.js'
import { testConfig } from '../support/test-app.js'

describeEachDatabase('graceful shutdown', (dialect) => {
  it('finishes a request in flight, refuses new connections, then closes the database', async () => {
    const database = await freshDatabase(dialect, { keepOpen: true })
    const app = await buildApp({ config: testConfig(), database, logger: false })
    // A request that is still working with the database when shutdown begins.
    let arrived: () => void = () => {}
    const inHandler = new Promise<void>((r) => {
      arrived = r
    })
    app.get('/test/slow', async () => {
      arrived()
      await new Promise((r) => setTimeout(r, 300))
      await database.ping()
      return { done: true }
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

    const inFlight = fetch(`${url}/test/slow`)
    // Shut down only once the request is being handled (not on a timer: a busy machine is slow).
    await inHandler
    const closing = app.close()
    const res = await inFlight
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ done: true })
    await closing
    await expect(fetch(`${url}/healthz`)).rejects.toThrow()
    await expect(database.ping()).rejects.toThrow()
  })
})
