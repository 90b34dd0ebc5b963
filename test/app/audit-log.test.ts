import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { demoOffices } from '../support/factories.js'
import { bearerFor, testApp } from '../support/test-app.js'

interface Entry {
  seq: number
  chain: string
  chainSeq: number
  action: string
  actor: { type: string; login: string | null }
  officeId: string | null
  subject: { type: string; id: string | null }
  summary: Record<string, unknown>
  requestId: string | null
  prevHash: string
  hash: string
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
    // Newest first; within its chain (its office's), each entry's prevHash is the hash of the one before.
    const lvivChain = all.filter((e) => e.chain === lviv)
    for (let i = 0; i < lvivChain.length - 1; i++) expect(lvivChain[i]!.prevHash).toBe(lvivChain[i + 1]!.hash)
    expect(lvivChain.at(-1)).toMatchObject({ chainSeq: 1, prevHash: '0'.repeat(64) })
    expect((await app.inject({ url: '/api/v1/audit/verify', headers: admin })).json()).toMatchObject({
      valid: true,
      entries: all.length,
      broken: [],
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
})
