import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { buildApp } from '../../src/app/build-app.js'
import { seedDemo } from '../../src/app/demo/seed-demo.js'
import { describeEachDatabase, freshDatabase } from '../support/databases.js'
import { demoOffices } from '../support/factories.js'
import { bearerFor, testApp, testConfig } from '../support/test-app.js'

interface Entry {
  seq: number
  action: string
  actor: { type: string; login: string | null }
  officeId: string | null
  subject: { type: string; id: string | null }
  summary: Record<string, unknown>
  requestId: string | null
  prevHash: string
  hash: string
}

/** An app whose database the test can also reach directly, as an attacker with database access would. */
async function appWithDatabase(dialect: 'sqlite' | 'postgres') {
  const database = await freshDatabase(dialect, { keepOpen: true })
  const app = await buildApp({ config: testConfig(), database, logger: false })
  const { onTestFinished } = await import('vitest')
  onTestFinished(() => app.close())
  await seedDemo(app.services)
  return { app, database }
}

describeEachDatabase('audit log', (dialect) => {
  it('records each change with actor, office, subject, summary and request id, chained by hashes', async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const manager = await bearerFor(app, 'demo-manager', 'demo-manager-pass')
    const lviv = offices['LVIV-CNAP']!.id
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/offices/${lviv}/units`,
      headers: { ...manager, 'x-request-id': 'req-unit-create-1' },
      payload: { code: 'AU1', name: { uk: 'Аудит', pl: 'Audyt', en: 'Audit' } },
    })
    expect(res.statusCode).toBe(201)
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const log = (await app.inject({ url: '/api/v1/audit?action=unit.create&limit=1', headers: admin })).json<{
      items: Entry[]
    }>()
    expect(log.items[0]).toMatchObject({
      action: 'unit.create',
      actor: { type: 'user', login: 'demo-manager' },
      officeId: lviv,
      subject: { type: 'unit', id: res.json<{ id: string }>().id },
      summary: { code: 'AU1', name: { uk: 'Аудит', pl: 'Audyt', en: 'Audit' } },
      requestId: 'req-unit-create-1',
    })
    const all = (await app.inject({ url: '/api/v1/audit?limit=200', headers: admin })).json<{
      items: Entry[]
    }>().items
    // Newest first; each entry's prevHash is the hash of the one before it.
    for (let i = 0; i < all.length - 1; i++) expect(all[i]!.prevHash).toBe(all[i + 1]!.hash)
    expect(all[all.length - 1]).toMatchObject({ seq: 1, prevHash: '0'.repeat(64) })
    expect((await app.inject({ url: '/api/v1/audit/verify', headers: admin })).json()).toEqual({
      valid: true,
      entries: all.length,
      firstBrokenSeq: null,
    })
  })

  it('records denied attempts (401 and 403) with who tried what', async () => {
    const app = await testApp(dialect, { demo: true })
    const consultant = await bearerFor(app, 'demo-consultant', 'demo-consultant-pass')
    expect((await app.inject({ url: '/api/v1/audit', headers: consultant })).statusCode).toBe(403)
    expect((await app.inject({ url: '/api/v1/users' })).statusCode).toBe(401)
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const denied = (await app.inject({ url: '/api/v1/audit?action=access.denied', headers: admin })).json<{
      items: Entry[]
    }>().items
    expect(denied.map((e) => [e.actor.login, e.subject.id, e.summary.status])).toEqual([
      [null, 'GET /api/v1/users', 401],
      ['demo-consultant', 'GET /api/v1/audit', 403],
    ])
  })

  it('shows a manager only their office’s entries and pages with a cursor', async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const manager = await bearerFor(app, 'demo-manager', 'demo-manager-pass')
    const items = (await app.inject({ url: '/api/v1/audit?limit=200', headers: manager })).json<{
      items: Entry[]
    }>().items
    expect(items.length).toBeGreaterThan(0)
    expect(new Set(items.map((e) => e.officeId))).toEqual(new Set([offices['LVIV-CNAP']!.id]))
    expect(
      (await app.inject({ url: `/api/v1/audit?officeId=${offices['LUB-BOM']!.id}`, headers: manager }))
        .statusCode,
    ).toBe(403)

    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const first = (await app.inject({ url: '/api/v1/audit?limit=5', headers: admin })).json<{
      items: Entry[]
      nextCursor: string
    }>()
    const second = (
      await app.inject({ url: `/api/v1/audit?limit=5&cursor=${first.nextCursor}`, headers: admin })
    ).json<{ items: Entry[] }>()
    expect(second.items[0]!.seq).toBe(first.items[4]!.seq - 1)
    expect((await app.inject({ url: '/api/v1/audit?cursor=garbage', headers: admin })).statusCode).toBe(422)
  })

  it('detects an edited entry at exactly that entry', async () => {
    const { app, database } = await appWithDatabase(dialect)
    await sql`update audit_log set summary = '{"name":"forged"}' where seq = 7`.execute(database.db)
    expect(await app.services.audit.verifyOffline()).toMatchObject({ valid: false, firstBrokenSeq: 7 })
  })

  it('detects a deleted entry at exactly that entry, and a deleted newest entry too', async () => {
    const { app, database } = await appWithDatabase(dialect)
    const { entries } = await app.services.audit.verifyOffline()
    await sql`delete from audit_log where seq = 12`.execute(database.db)
    expect(await app.services.audit.verifyOffline()).toMatchObject({ valid: false, firstBrokenSeq: 12 })

    const other = await appWithDatabase(dialect)
    await sql`delete from audit_log where seq = ${entries}`.execute(other.database.db)
    expect(await other.app.services.audit.verifyOffline()).toMatchObject({
      valid: false,
      firstBrokenSeq: entries,
    })
  })

  it('detects a whole chain rewritten from an entry on, when the rewritten hash is recomputed but not the next link', async () => {
    const { app, database } = await appWithDatabase(dialect)
    const { canonicalJson, entryHash } = await import('../../src/modules/audit/index.js')
    const row = (
      await sql<Record<string, unknown>>`select * from audit_log where seq = 5`.execute(database.db)
    ).rows[0]!
    const forged = { ...row, summary: canonicalJson({ forged: true }) } as Parameters<typeof entryHash>[0]
    await sql`update audit_log set summary = ${forged.summary}, hash = ${entryHash(forged)} where seq = 5`.execute(
      database.db,
    )
    expect(await app.services.audit.verifyOffline()).toMatchObject({ valid: false, firstBrokenSeq: 6 })
  })

  it('keeps entry numbers unique and gap-free when many changes arrive at once', async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const before = (await app.services.audit.head()).seq
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/offices/${offices['STRYI-CNAP']!.id}/desks`,
          headers: admin,
          payload: { name: `Parallel ${i}` },
        }),
      ),
    )
    expect(results.map((r) => r.statusCode)).toEqual(Array(40).fill(201))
    const check = await app.services.audit.verifyOffline()
    expect(check.valid).toBe(true)
    expect((await app.services.audit.head()).seq).toBe(before + 40)
  })
})
