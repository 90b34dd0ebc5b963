import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { loadConfig } from '../../src/platform/config.js'
import { describeEachDatabase } from '../support/databases.js'
import { bearerFor, testApp } from '../support/test-app.js'

// Every other test hashes at the cheapest cost argon2 allows (test/support/cheap-hashing.ts); this
// one keeps the production cost honest.
const production = loadConfig({}, '/nonexistent').passwordHashing

describeEachDatabase('password hashing at the production cost', (dialect) => {
  it('stores a new password as argon2id at OWASP’s baseline (19 MiB, 2 passes, 1 lane) and signs in with it', async () => {
    expect(production).toEqual({ memoryKiB: 19_456, passes: 2, parallelism: 1 })
    const app = await testApp(dialect, { demo: true, config: { passwordHashing: production } })
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const password = 'a-long-password-1'
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {
        login: 'olena.k',
        password,
        name: 'Олена К.',
        roles: [{ role: 'coordinator', officeId: null }],
      },
    })
    expect(created.statusCode).toBe(201)
    const { rows } = await sql<{
      hash: string
    }>`select password_hash as hash from users where login = 'olena.k'`.execute(app.database.db)
    expect(rows[0]!.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    const me = await app.inject({ url: '/api/v1/me', headers: await bearerFor(app, 'olena.k', password) })
    expect(me.json()).toMatchObject({ login: 'olena.k' })
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'olena.k', password: 'not-the-password' },
    })
    expect(wrong.statusCode).toBe(401)
  })
})
