import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { strFromU8, unzipSync } from 'fflate'
import { expect, it } from 'vitest'
import type { CaseAction } from '../../src/modules/cases/index.js'
import { SYSTEM_ACTOR } from '../../src/modules/identity/index.js'
import { FixedClock } from '../../src/platform/clock.js'
import { describeEachDatabase } from '../support/databases.js'
import { freshBlobDir, lublinRegistry } from '../support/registry.js'
import { bearerFor, problemOf, testApp } from '../support/test-app.js'

describeEachDatabase('retention and the archive', (dialect) => {
  it('lists what may go on a day, destroys only with the archive’s consent keeping tombstones, and packs an A case for transfer with sums that verify', async () => {
    const clock = new FixedClock('2026-12-01T10:00:00Z')
    const app = await testApp(dialect, { demo: true, clock, config: { blobDir: freshBlobDir() } })
    const r = await lublinRegistry(app)
    const s = app.services
    // Cases closed on 1 December 2026: two B5 (certificates, class 316) and one A (0152); one B5 still open.
    const closedCase = async (symbol: string, file: string | null) => {
      const c = await s.cases.openCase(SYSTEM_ACTOR, {
        officeId: r.lublin,
        unitId: r.units.or,
        symbol,
        title: `Sprawa ${symbol} ${file ?? ''}`,
      })
      if (file)
        await s.cases.addDocument(
          SYSTEM_ACTOR,
          c.id,
          { title: 'Notatka', kind: 'note', form: 'born-digital' },
          { content: Readable.from([Buffer.from(file)]), name: 'notatka.txt', mediaType: 'text/plain' },
        )
      const steps: CaseAction[] = ['assign', 'start', 'submit', 'approve', 'close']
      for (const step of steps)
        await s.cases.step(
          SYSTEM_ACTOR,
          c.id,
          step,
          step === 'assign' ? { assigneeId: r.officerOfOr.id } : {},
        )
      return c
    }
    const shared = 'Ta sama treść w dwóch sprawach.'
    const b5 = await closedCase('316', shared)
    const b5own = await closedCase('316', 'Tylko w tej sprawie.')
    const a = await closedCase('0152', shared)
    // A third whose file has the same bytes as a scan the chancellery keeps in the incoming register.
    const scanned = 'Skan pisma z dziennika podawczego.'
    const b5scan = await closedCase('316', scanned)
    const letter = await s.registry.registerIncoming(SYSTEM_ACTOR, r.lublin, {
      receivedAt: '2026-12-01T09:00:00Z',
      channel: 'paper',
      sender: { kind: 'person', name: 'Jan Nowak' },
      title: 'Pismo',
    })
    await s.registry.addFile(SYSTEM_ACTOR, 'incoming', letter.id, {
      content: Readable.from([Buffer.from(scanned)]),
      name: 'skan.txt',
      mediaType: 'text/plain',
    })
    await s.cases.openCase(SYSTEM_ACTOR, {
      officeId: r.lublin,
      unitId: r.units.or,
      symbol: '316',
      title: 'Otwarta',
    })

    const eligible = async (on: string) =>
      (
        await app.inject({
          url: `/api/v1/retention/eligible?officeId=${r.lublin}&on=${on}`,
          headers: r.bearers.admin,
        })
      ).json<{ items: { caseId: string; action: string; eligibleFrom: string }[] }>().items
    // Closed in 2026: B5 from 1 January 2032, A transferred after 25 years, from 1 January 2052.
    expect(await eligible('2031-12-31')).toEqual([])
    expect((await eligible('2032-01-01')).map((i) => [i.caseId, i.action, i.eligibleFrom]).sort()).toEqual(
      [
        [b5.id, 'destroy', '2032-01-01'],
        [b5own.id, 'destroy', '2032-01-01'],
        [b5scan.id, 'destroy', '2032-01-01'],
      ].sort(),
    )
    expect((await eligible('2052-01-01')).find((i) => i.caseId === a.id)?.action).toBe('transfer')

    clock.set('2032-01-02T10:00:00Z')
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/retention/destruction-lists',
      headers: admin,
      payload: { officeId: r.lublin },
    })
    expect(made.statusCode, made.body).toBe(201)
    const list = made.json<{ id: string; number: string; status: string; items: { caseId: string }[] }>()
    expect(list).toMatchObject({ number: 'BN/LUB-BOM/1/2032', status: 'awaiting-consent' })
    expect(list.items).toHaveLength(3)
    const pdf = await app.inject({
      url: `/api/v1/retention/destruction-lists/${list.id}/pdf`,
      headers: admin,
    })
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')

    // Only the office's managers and admins run retention: an officer is refused everywhere, and audited.
    const officer = r.officerOfOr.headers
    officer.authorization = (await bearerFor(app, r.officerOfOr.login, 'a-long-password-1')).authorization
    for (const [method, url] of [
      ['GET', `/api/v1/retention/eligible?officeId=${r.lublin}&on=2032-01-01`],
      ['GET', `/api/v1/retention/destruction-lists/${list.id}`],
      ['GET', `/api/v1/retention/destruction-lists/${list.id}/pdf`],
      ['POST', `/api/v1/retention/destruction-lists/${list.id}/destroy`],
      ['GET', `/api/v1/cases/${a.id}/transfer-package`],
    ] as const)
      expect((await app.inject({ method, url, headers: officer })).statusCode, url).toBe(403)
    for (const [url, payload] of [
      ['/api/v1/retention/destruction-lists', { officeId: r.lublin }],
      [
        `/api/v1/retention/destruction-lists/${list.id}/consent`,
        { reference: 'X', consentedOn: '2032-01-02' },
      ],
    ] as const)
      expect((await app.inject({ method: 'POST', url, headers: officer, payload })).statusCode, url).toBe(403)

    // Without the archive's consent nothing is destroyed.
    const destroy = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/retention/destruction-lists/${list.id}/destroy`,
        headers: admin,
      })
    expect(problemOf(await destroy())).toMatchObject({ status: 409, code: 'NO_CONSENT' })
    const fileOf = async (caseId: string) => {
      const doc = (await app.inject({ url: `/api/v1/cases/${caseId}/documents`, headers: admin })).json<{
        items: { id: string }[]
      }>().items[0]!
      return app.inject({
        url: `/api/v1/cases/${caseId}/documents/${doc.id}/versions/1/content`,
        headers: admin,
      })
    }
    expect((await fileOf(b5own.id)).statusCode).toBe(200)

    const consent = await app.inject({
      method: 'POST',
      url: `/api/v1/retention/destruction-lists/${list.id}/consent`,
      headers: admin,
      payload: { reference: 'APL.421.15.2032', consentedOn: '2032-01-02' },
    })
    expect(consent.json()).toMatchObject({ status: 'consented', consent: { reference: 'APL.421.15.2032' } })
    const done = await destroy()
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toMatchObject({ status: 'destroyed' })
    expect(problemOf(await destroy()).code).toBe('LIST_STATE')

    // The tombstones: the cases are there, marked destroyed; their files are gone, except bytes a kept case holds.
    const tomb = (await app.inject({ url: `/api/v1/cases/${b5own.id}`, headers: admin })).json()
    expect(tomb).toMatchObject({
      disposal: 'destroyed',
      disposedOn: '2032-01-02',
      disposalReference: list.number,
    })
    expect(problemOf(await fileOf(b5own.id))).toMatchObject({ status: 410, code: 'DESTROYED' })
    expect((await fileOf(a.id)).body).toBe(shared)
    const sha = (text: string) => createHash('sha256').update(text).digest('hex')
    expect(await s.blobs.has(sha('Tylko w tej sprawie.'))).toBe(false)
    expect(await s.blobs.has(sha(shared))).toBe(true)
    // The register's scan with the same bytes stays: the registers are not the case's to destroy.
    expect(await s.blobs.has(sha(scanned))).toBe(true)
    const history = (await app.inject({ url: `/api/v1/cases/${b5own.id}/history`, headers: admin })).json<{
      items: { action: string; summary: Record<string, unknown> }[]
    }>().items
    expect(history.at(-1)).toMatchObject({
      action: 'case.destroyed',
      summary: { list: list.number, consent: 'APL.421.15.2032' },
    })
    const reopen = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${b5own.id}/reopen`,
      headers: admin,
      payload: { reason: 'Pomyłka' },
    })
    expect(problemOf(reopen).code).toBe('CASE_DISPOSED')
    // Nothing left to list.
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/retention/destruction-lists',
      headers: admin,
      payload: { officeId: r.lublin },
    })
    expect(again.statusCode).toBe(422)

    // The A case's transfer package: metadata, files, and sums that verify.
    const pkg = await app.inject({ url: `/api/v1/cases/${a.id}/transfer-package`, headers: admin })
    expect(pkg.statusCode, pkg.body).toBe(200)
    expect(pkg.headers['content-type']).toBe('application/zip')
    const files = unzipSync(new Uint8Array(pkg.rawPayload))
    const sums = strFromU8(files.SHA256SUMS!).trim().split('\n')
    expect(sums.map((l) => l.slice(66)).sort()).toEqual(['files/1-v1-notatka.txt', 'metadata.xml'])
    for (const line of sums) {
      const [sum, path] = [line.slice(0, 64), line.slice(66)]
      expect(createHash('sha256').update(files[path]!).digest('hex'), path).toBe(sum)
    }
    const metadata = strFromU8(files['metadata.xml']!)
    expect(metadata).toContain(
      `<case sign="${a.sign}" category="A" started="2026-12-01" closed="2026-12-01">`,
    )
    expect(metadata).toContain(`<document identifier="${a.sign}/1">`)
    expect(metadata).toContain(`sha256="${createHash('sha256').update(shared).digest('hex')}"`)
    const notA = await app.inject({ url: `/api/v1/cases/${b5own.id}/transfer-package`, headers: admin })
    expect(problemOf(notA).code).toBe('NOT_FOR_TRANSFER')
    // The archive took it: recorded once, with its reference.
    const transfer = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/cases/${a.id}/transferred`,
        headers: admin,
        payload: { reference: 'APL.4211.3.2032', transferredOn: '2032-01-02' },
      })
    expect((await transfer()).json()).toMatchObject({
      disposal: 'transferred',
      disposalReference: 'APL.4211.3.2032',
    })
    expect(problemOf(await transfer()).code).toBe('NOT_FOR_TRANSFER')
  })
})
