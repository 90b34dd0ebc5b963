// needs ../shared/vectors (real signed files of EU DSS and jkurwa)
import * as asn1js from 'asn1js'
import { describe, expect, it } from 'vitest'
import { certificatesIn } from '../../src/modules/signatures/certificates.js'
import { NotASignature, validateCms } from '../../src/modules/signatures/cms-validation.js'
import { verifyDstuCertificate } from '../../src/modules/signatures/dstu.js'
import { validatePades } from '../../src/modules/signatures/pades-validation.js'
import { validateXades } from '../../src/modules/signatures/xades-validation.js'
import { signatureVector } from '../support/signature-vectors.js'

describe('the shared signature vectors', () => {
  it('reads the DSTU 4145 CMS of jkurwa: its signer, INDETERMINATE without an anchor', async () => {
    const [report] = await validateCms(signatureVector('dstu/message.p7'), null, [], new Date('2020-01-01'))
    expect(report).toMatchObject({
      format: 'CAdES',
      indication: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      signatureAlgorithm: 'DSTU 4145',
    })
    expect(report!.signer!.subject).toContain('O=Very Much CA')
    expect(report!.signer!.subject).toContain('L=Wakanda')
    expect(report!.signer!.subject).toContain('serialNumber=UA-99999999')
    // The signed content is the three bytes "123".
    expect(report!.signedDataDigest?.value).toBe(
      'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3',
    )
  })

  it('verifies the DSTU 4145 signature with SELF_SIGNED1.cer as anchor (jkurwa), and fails it when the content or the value changes', async () => {
    const anchors = certificatesIn(signatureVector('dstu/SELF_SIGNED1.cer'))
    expect(anchors).toHaveLength(1)
    const message = signatureVector('dstu/message.p7')
    const check = async (bytes: Buffer) =>
      (await validateCms(bytes, null, anchors, new Date('2020-01-01')))[0]!
    const report = await check(message)
    expect(report, report.detail).toMatchObject({
      indication: 'TOTAL_PASSED',
      digestAlgorithm: 'GOST 34.311',
    })
    expect(report.chain.at(-1)?.subject).toContain('O=Very Much CA')
    // The content "123" changed to "124": its GOST 34.311 digest no longer matches the signed one.
    const at = message.indexOf(Buffer.from('123'))
    const changed = Buffer.from(message)
    changed[at + 2] = 0x34
    expect(await check(changed)).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' })
    // A byte of the signature value (the last octets of the file) changed.
    const forged = Buffer.from(message)
    forged[forged.length - 3] = (forged[forged.length - 3] as number) ^ 0x01
    expect(await check(forged)).toMatchObject({
      indication: 'TOTAL_FAILED',
      subIndication: 'SIG_CRYPTO_FAILURE',
    })
  })

  it('verifies a DSTU 4145 certificate’s signature by its issuer’s key, and refuses an altered one', () => {
    const der = signatureVector('dstu/SELF_SIGNED1.cer')
    expect(verifyDstuCertificate(der, der)).toBe(true)
    const altered = Buffer.from(der)
    const at = altered.indexOf(Buffer.from('Wakanda'))
    altered[at] = 'V'.charCodeAt(0)
    expect(verifyDstuCertificate(altered, der)).toBe(false)
    expect(verifyDstuCertificate(Buffer.from('not a certificate'), der)).toBe(false)
  })

  it('reproduces the EU DSS XAdES outcomes: intact but unanchored, a reference removed, signed properties removed, a broken document', async () => {
    const xades = (file: string) => validateXades(signatureVector(`xades/${file}`), [], new Date())
    const [signed] = await xades('dss-signed.xml')
    expect(signed).toMatchObject({
      format: 'XAdES',
      indication: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      signatureAlgorithm: 'RSA with SHA-256',
      signingTime: '2019-02-19T12:29:01.000Z',
    })
    expect(signed!.signer!.subject).toBe('CN=good-user, O=Nowina Solutions, OU=PKI-TEST, C=LU')
    expect((await xades('dss-signed-altered-refRemoved.xml'))[0]).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'SIGNED_DATA_NOT_FOUND',
    })
    expect((await xades('dss-signed-altered-signedPropsRemoved.xml'))[0]).toMatchObject({
      indication: 'TOTAL_FAILED',
      subIndication: 'SIG_CRYPTO_FAILURE',
    })
    await expect(xades('broken-dom.xml')).rejects.toBeInstanceOf(NotASignature)
  })

  it('passes the DSS signature when its signer is trusted: checked at its signing time, though its certificate has expired since', async () => {
    const file = signatureVector('xades/dss-signed.xml')
    const der = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(file.toString('utf8'))![1]!
    const anchors = certificatesIn(Buffer.from(der, 'base64'))
    const [signed] = await validateXades(file, anchors, new Date())
    expect(signed).toMatchObject({ indication: 'TOTAL_PASSED', subIndication: null, level: 'B' })
    expect(signed!.chain[0]!.notAfter < new Date().toISOString()).toBe(true)
  })

  it('reproduces the EU DSS PAdES outcomes: baseline B undecided without an anchor, a page added, a byte range out of the file, two signatures overlapping', async () => {
    const pades = (file: string) => validatePades(signatureVector(`pades/${file}`), [], new Date())
    const [bes] = await pades('pades-bes.pdf')
    expect(bes).toMatchObject({ format: 'PAdES', indication: 'INDETERMINATE', level: 'B' })
    expect(bes!.signer!.subject).toContain('CN=good-user')
    expect((await pades('pdf-signed-added-page.pdf'))[0]).toMatchObject({
      indication: 'TOTAL_FAILED',
      subIndication: 'FORMAT_FAILURE',
    })
    expect((await pades('pdf-signed-out-of-byteRange.pdf'))[0]!.indication).toBe('TOTAL_FAILED')
    const overlap = await pades('pdf-byterange-overlap.pdf')
    expect(overlap).toHaveLength(2)
    expect(
      overlap.filter((r) => r.indication === 'TOTAL_FAILED' && r.subIndication === 'FORMAT_FAILURE'),
    ).toHaveLength(1)
    expect(overlap.filter((r) => r.indication !== 'TOTAL_FAILED')).toHaveLength(1)
  })

  it('passes the PAdES-BES signature when its signer is trusted, at the time it was signed', async () => {
    // The signer's certificate, taken from the signature's CMS (its /Contents, zero-padded).
    const pdf = signatureVector('pades/pades-bes.pdf')
    const hex = /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(pdf.toString('latin1'))![1]!
    const padded = Buffer.from(hex, 'hex')
    const cms = padded.subarray(0, asn1js.fromBER(new Uint8Array(padded)).offset)
    const signer = certificatesIn(cms).filter((c) => !c.subject.isEqual(c.issuer))
    const [bes] = await validatePades(pdf, signer, new Date())
    expect(bes).toMatchObject({
      indication: 'TOTAL_PASSED',
      subIndication: null,
      signingTime: '2024-07-31T09:25:48.000Z',
    })
  })
})
