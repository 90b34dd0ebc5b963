import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { demoSeals } from '../support/demo-seals.js'
import { demoBearers, demoOffices } from '../support/factories.js'
import { freePort } from '../support/free-port.js'
import { files } from '../support/multipart-files.js'
import { problemOf, testApp } from '../support/test-app.js'
import { issue } from '../support/test-ca.js'
import { startTestTsa } from '../support/test-tsa.js'

async function letter(): Promise<Buffer> {
  const doc = await PDFDocument.create()
  doc.addPage([595, 842]).drawText('Decyzja nr 7/2026', {
    x: 72,
    y: 760,
    size: 14,
    font: await doc.embedFont(StandardFonts.Helvetica),
  })
  return Buffer.from(await doc.save())
}
const RECEIPT = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><receipt><case>OR.5310.7.2026</case></receipt>',
)

describeEachDatabase('office seals API', (dialect) => {
  it('a head seals PDF and XML with the office’s demo seal; the validator passes them once the demo CA is trusted; audited', async () => {
    const app = await testApp(dialect, {
      demo: true,
      config: { dataDir: mkdtempSync(join(tmpdir(), 'ratusz-seals-')) },
    })
    const bearers = await demoBearers(app)
    const offices = await demoOffices(app)
    const lublin = offices['LUB-BOM']!.id
    const seal = (headers: Record<string, string>, file: Buffer, name: string) => {
      const form = files({ file: { name, content: file } })
      return app.inject({
        method: 'POST',
        url: `/api/v1/offices/${lublin}/seal`,
        payload: form.payload,
        headers: { ...headers, ...form.headers },
      })
    }

    // No seal yet: said so, with how to get one.
    const none = await app.inject({ url: `/api/v1/offices/${lublin}/seal`, headers: bearers.head })
    expect(none.statusCode).toBe(409)
    expect(problemOf(none).code).toBe('SEAL_MISSING')
    expect((await seal(bearers.head, await letter(), 'decyzja.pdf')).statusCode).toBe(409)

    const all = await app.services.offices.listPublicOffices()
    const made = await app.services.sealing.initDemo(all)
    expect(made.created).toContain('LUB-BOM')
    expect((await app.services.sealing.initDemo(all)).created).toEqual([])
    const info = await app.inject({ url: `/api/v1/offices/${lublin}/seal`, headers: bearers.officer })
    expect(info.statusCode, info.body).toBe(200)
    expect(info.json()).toMatchObject({
      demo: true,
      algorithm: 'RSA',
      timeStamped: false,
      issuer: expect.stringContaining('DEMO CA'),
    })

    // Only a head of the office seals.
    expect((await seal(bearers.officer, await letter(), 'decyzja.pdf')).statusCode).toBe(403)
    expect((await seal(bearers.manager, await letter(), 'decyzja.pdf')).statusCode).toBe(403)
    const pdf = await seal(bearers.head, await letter(), 'decyzja.pdf')
    expect(pdf.statusCode, pdf.body).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.headers['content-disposition']).toContain('decyzja-sealed.pdf')
    expect(pdf.headers['ratusz-seal-level']).toBe('PAdES-B')
    const xml = await seal(bearers.head, RECEIPT, 'receipt.xml')
    expect(xml.statusCode, xml.body).toBe(200)
    expect(xml.headers['content-type']).toContain('application/xml')

    // Anyone checks them: undecided until the demo CA is trusted, then passed (its CRL published by Ratusz).
    const validate = (file: Buffer, name: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/signatures/validate',
        ...files({ file: { name, content: file } }),
      })
    const before = await validate(pdf.rawPayload, 'decyzja-sealed.pdf')
    expect(before.json()).toMatchObject({
      valid: false,
      signatures: [{ subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' }],
    })
    const crt = await app.inject({ url: '/api/v1/seals/demo-ca.crt' })
    expect(crt.statusCode).toBe(200)
    expect((await app.inject({ url: '/api/v1/seals/demo-ca.crl' })).headers['content-type']).toBe(
      'application/pkix-crl',
    )
    const anchorForm = files({ file: { name: 'demo-ca.crt', content: crt.rawPayload } })
    const trusted = await app.inject({
      method: 'POST',
      url: '/api/v1/trust/anchors',
      payload: anchorForm.payload,
      headers: { ...bearers.admin, ...anchorForm.headers },
    })
    expect(trusted.statusCode, trusted.body).toBe(201)
    for (const [file, name, format] of [
      [pdf.rawPayload, 'decyzja-sealed.pdf', 'PAdES'],
      [xml.rawPayload, 'receipt-sealed.xml', 'XAdES'],
    ] as const) {
      const report = await validate(file, name)
      expect(report.json(), name).toMatchObject({
        valid: true,
        signatures: [
          {
            format,
            indication: 'TOTAL_PASSED',
            level: 'B',
            signer: { subject: expect.stringContaining('DEMO seal') },
          },
        ],
      })
    }

    // What cannot be sealed is refused plainly.
    const text = await seal(bearers.head, Buffer.from('just text'), 'note.txt')
    expect(text.statusCode).toBe(422)
    expect(problemOf(text).code).toBe('NOT_SEALABLE')
    expect(problemOf(await seal(bearers.head, pdf.rawPayload, 'again.pdf')).code).toBe('NOT_SEALABLE')
    expect((await seal(bearers.head, Buffer.from('<a><b></a>'), 'broken.xml')).statusCode).toBe(422)

    const trail = (await app.inject({ url: '/api/v1/audit?action=seal.*', headers: bearers.admin })).json<{
      items: { action: string; actor: { login: string } | string; summary: { format: string } }[]
    }>().items
    expect(trail.map((e) => e.summary.format).sort()).toEqual(['PAdES', 'XAdES'])
  })

  it('time-stamps seals with the configured authority (level T), and seals at level B, said so, when it cannot be reached', async () => {
    const tsa = await issue({ cn: 'Seal TSA', tsa: true, days: 3650 })
    const server = await startTestTsa(tsa)
    try {
      for (const [tsaUrl, level] of [
        [server.url, 'PAdES-B-T'],
        [`http://127.0.0.1:${await freePort()}/tsa`, 'PAdES-B'],
      ] as const) {
        const config = { dataDir: mkdtempSync(join(tmpdir(), 'ratusz-seals-')), tsaUrl }
        const app = await testApp(dialect, { demo: true, config })
        const bearers = await demoBearers(app)
        const lublin = (await demoOffices(app))['LUB-BOM']!.id
        await demoSeals(app, config)
        const form = files({ file: { name: 'decyzja.pdf', content: await letter() } })
        const sealed = await app.inject({
          method: 'POST',
          url: `/api/v1/offices/${lublin}/seal?visible=false`,
          payload: form.payload,
          headers: { ...bearers.head, ...form.headers },
        })
        expect(sealed.statusCode, sealed.body).toBe(200)
        expect(sealed.headers['ratusz-seal-level']).toBe(level)
        const check = files({ file: { name: 'd.pdf', content: sealed.rawPayload } })
        const report = await app.inject({ method: 'POST', url: '/api/v1/signatures/validate', ...check })
        expect(
          report.json<{ signatures: { level: string; timestamps: unknown[] }[] }>().signatures[0]!.timestamps,
        ).toHaveLength(level === 'PAdES-B-T' ? 1 : 0)
        const audit = (
          await app.inject({ url: '/api/v1/audit?action=seal.*', headers: bearers.admin })
        ).json<{
          items: { summary: { level: string; timeStamp?: string } }[]
        }>().items
        expect(audit[0]!.summary).toMatchObject(
          level === 'PAdES-B-T'
            ? { level: 'T' }
            : { level: 'B', timeStamp: 'the time-stamping authority could not be reached' },
        )
      }
      expect(server.served.count).toBe(1)
    } finally {
      await server.close()
    }
  })
})
