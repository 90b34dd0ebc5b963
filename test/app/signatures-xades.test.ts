import { describe, expect, it } from 'vitest'
import { NotASignature } from '../../src/modules/signatures/cms-validation.js'
import { validateXades } from '../../src/modules/signatures/xades-validation.js'
import { issue, signXml, signXmlDetached } from '../support/test-ca.js'

const RECEIPT = '<receipt><office>Urząd Miasta Lublin</office><number>RPW/12/2026</number></receipt>'

describe('XML signature (XAdES) validation', () => {
  it('passes an intact enveloped signature by a trusted signer and fails changed data or a changed signature value', async () => {
    const signer = await issue({ cn: 'Urząd Miasta Lublin' })
    const signed = await signXml(RECEIPT, signer)
    const [ok] = await validateXades(Buffer.from(signed), [signer.cert], new Date())
    expect(ok).toMatchObject({
      format: 'XAdES',
      indication: 'TOTAL_PASSED',
      signatureAlgorithm: 'RSA with SHA-256',
    })
    expect(ok!.signer!.subject).toContain('CN=Urząd Miasta Lublin')
    const changed = signed.replace('RPW/12/2026', 'RPW/13/2026')
    expect((await validateXades(Buffer.from(changed), [signer.cert], new Date()))[0]).toMatchObject({
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
    })
    const value = /<SignatureValue>([^<]+)<\/SignatureValue>/.exec(signed)![1]!
    const flipped = signed.replace(value, `${value[0] === 'A' ? 'B' : 'A'}${value.slice(1)}`)
    expect((await validateXades(Buffer.from(flipped), [signer.cert], new Date()))[0]).toMatchObject({
      indication: 'TOTAL_FAILED',
      subIndication: 'SIG_CRYPTO_FAILURE',
    })
    expect((await validateXades(Buffer.from(signed), [], new Date()))[0]).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    })
  })

  it('refuses hostile XML before reading it: entities, external DTDs, deep nesting, no signature', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><a>&lol2;</a>`
    const external = `<?xml version="1.0"?><!DOCTYPE a SYSTEM "http://example.org/evil.dtd"><a/>`
    const deep = `${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`
    for (const hostile of [laughs, external, deep, '<a>not signed</a>', '<a><b></a>']) {
      const started = Date.now()
      await expect(validateXades(Buffer.from(hostile), [], new Date())).rejects.toBeInstanceOf(NotASignature)
      expect(Date.now() - started).toBeLessThan(2000)
    }
  })
})

describe('detached XAdES', () => {
  it('checks a detached signature against the file given beside it; without it, says the data is missing', async () => {
    const signer = await issue({ cn: 'Podpis obok pliku' })
    const pdf = Buffer.from('%PDF-1.7 wniosek o wydanie zaświadczenia')
    const signature = Buffer.from(await signXmlDetached(pdf, 'wniosek.pdf', signer))
    expect((await validateXades(signature, [signer.cert], new Date(), { detached: pdf }))[0]).toMatchObject({
      indication: 'TOTAL_PASSED',
    })
    expect((await validateXades(signature, [signer.cert], new Date()))[0]).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'SIGNED_DATA_NOT_FOUND',
    })
    expect(
      (
        await validateXades(signature, [signer.cert], new Date(), {
          detached: Buffer.from('%PDF-1.7 inny plik'),
        })
      )[0],
    ).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' })
  })
})
