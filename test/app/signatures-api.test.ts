import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { demoBearers } from '../support/factories.js'
import { files } from '../support/multipart-files.js'
import { multipart } from '../support/registry.js'
import { problemOf, testApp } from '../support/test-app.js'
import { issue, signCms, signXml } from '../support/test-ca.js'

interface Validation {
  valid: boolean
  signatures: { indication: string; subIndication: string | null; signer: { subject: string } | null }[]
}

describeEachDatabase('signatures API', (dialect) => {
  it('validates CAdES, XAdES and PAdES files against the trust store the network admins keep, audited', async () => {
    const app = await testApp(dialect, { demo: true })
    const bearers = await demoBearers(app)
    const data = Buffer.from('Wniosek podpisany')
    const signer = await issue({ cn: 'Jan Kowalski', pesel: '44051401359' })
    const p7s = await signCms(data, signer, { detached: true })
    const validate = (form: ReturnType<typeof files>) =>
      app.inject({ method: 'POST', url: '/api/v1/signatures/validate', ...form })

    // Nobody trusts the signer yet: intact but undecided, and anyone may ask (no account).
    const before = await validate(
      files({ file: { name: 'wniosek.p7s', content: p7s }, data: { name: 'wniosek.txt', content: data } }),
    )
    expect(before.statusCode, before.body).toBe(200)
    expect(before.json<Validation>()).toMatchObject({
      valid: false,
      signatures: [{ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' }],
    })

    const anchor = (headers: Record<string, string>, der = signer.der) => {
      const form = multipart('signer.cer', 'application/pkix-cert', der)
      return app.inject({
        method: 'POST',
        url: '/api/v1/trust/anchors',
        headers: { ...headers, ...form.headers },
        payload: form.payload,
      })
    }
    expect((await anchor(bearers.officer)).statusCode).toBe(403)
    const added = await anchor(bearers.admin)
    expect(added.statusCode, added.body).toBe(201)
    expect(added.json()).toMatchObject({ subject: 'C=PL, serialNumber=PNOPL-44051401359, CN=Jan Kowalski' })
    expect(problemOf(await anchor(bearers.admin)).code).toBe('ANCHOR_EXISTS')

    const after = await validate(
      files({ file: { name: 'wniosek.p7s', content: p7s }, data: { name: 'wniosek.txt', content: data } }),
    )
    expect(after.json<Validation>()).toMatchObject({
      valid: true,
      signatures: [{ indication: 'TOTAL_PASSED' }],
    })
    // An XML signature by the same signer: XAdES, passed.
    const receipt = await signXml('<receipt><number>RPW/1/2026</number></receipt>', signer)
    const xml = await validate(files({ file: { name: 'receipt.xml', content: Buffer.from(receipt) } }))
    expect(xml.json<Validation>()).toMatchObject({
      valid: true,
      signatures: [{ indication: 'TOTAL_PASSED' }],
    })
    const changed = await validate(
      files({
        file: { name: 'wniosek.p7s', content: p7s },
        data: { name: 'wniosek.txt', content: Buffer.from('inny') },
      }),
    )
    expect(changed.json<Validation>().signatures[0]).toMatchObject({
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
    })

    // Not a signature, a PDF that is not one either, no file: 422 naming what is wrong.
    expect(
      problemOf(await validate(files({ file: { name: 'x.p7s', content: Buffer.from('hello') } }))).code,
    ).toBe('NOT_A_SIGNATURE')
    expect(
      problemOf(await validate(files({ file: { name: 'x.pdf', content: Buffer.from('%PDF-1.7\n') } }))).code,
    ).toBe('NOT_A_SIGNATURE')
    // A PDF with a signature dictionary that lies about its byte range: read, and failed, never a crash.
    const lying = Buffer.from(
      '%PDF-1.7\n1 0 obj\n<< /Type /Sig /ByteRange [0 10 20 999999] /Contents <3000> >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    )
    const liar = await validate(files({ file: { name: 'x.pdf', content: lying } }))
    expect([200, 422]).toContain(liar.statusCode)
    if (liar.statusCode === 200)
      expect(liar.json<Validation>().signatures[0]).toMatchObject({
        indication: 'TOTAL_FAILED',
        subIndication: 'FORMAT_FAILURE',
      })
    expect(
      problemOf(await validate(files({ data: { name: 'x.txt', content: data } }))).errors?.[0]?.path,
    ).toBe('body.file')

    // A bundle adds each certificate it carries; removing one is audited too.
    const root = await issue({ cn: 'Root CA', ca: true })
    const leaf = await issue({ cn: 'Leaf', issuer: root })
    const bundle = await anchor(bearers.admin, await signCms(data, leaf, { chain: [root] }))
    expect(bundle.json<{ added: unknown[] }>().added).toHaveLength(2)
    const list = (await app.inject({ url: '/api/v1/trust/anchors', headers: bearers.admin })).json<{
      items: { id: string; subject: string }[]
    }>().items
    expect(list).toHaveLength(3)
    const gone = list.find((a) => a.subject.endsWith('CN=Leaf'))!
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/trust/anchors/${gone.id}`,
          headers: bearers.officer,
        })
      ).statusCode,
    ).toBe(403)
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/trust/anchors/${gone.id}`,
          headers: bearers.admin,
        })
      ).statusCode,
    ).toBe(204)
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/trust/anchors/${gone.id}`,
          headers: bearers.admin,
        })
      ).statusCode,
    ).toBe(404)
    const trail = (await app.inject({ url: '/api/v1/audit?action=trust.*', headers: bearers.admin })).json<{
      items: { action: string }[]
    }>().items
    expect(trail.map((e) => e.action).sort()).toEqual([
      'trust.anchor-add',
      'trust.anchor-add',
      'trust.anchor-add',
      'trust.anchor-remove',
    ])
  })
})
