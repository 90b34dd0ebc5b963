// needs ../shared/vectors (real signed files of EU DSS and jkurwa)
import * as asn1js from 'asn1js'
import { describe, expect, it } from 'vitest'
import { certificatesIn } from '../../src/modules/signatures/certificates.js'
import { NotASignature, validateCms } from '../../src/modules/signatures/cms-validation.js'
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

  it('reads SELF_SIGNED1.cer as an anchor; DSTU 4145 cryptography is not checked yet, so it stays INDETERMINATE', async () => {
    const anchors = certificatesIn(signatureVector('dstu/SELF_SIGNED1.cer'))
    expect(anchors).toHaveLength(1)
    const [report] = await validateCms(
      signatureVector('dstu/message.p7'),
      null,
      anchors,
      new Date('2020-01-01'),
    )
    expect(report!.indication).toBe('INDETERMINATE')
    expect(report!.chain.at(-1)?.subject).toContain('O=Very Much CA')
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
