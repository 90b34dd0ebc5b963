import { PDFDocument, StandardFonts } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SigningKey } from '../../src/modules/signatures/cms-signing.js'
import { validateCms } from '../../src/modules/signatures/cms-validation.js'
import { validatePades } from '../../src/modules/signatures/pades-validation.js'
import type { SignatureReport } from '../../src/modules/signatures/report.js'
import { crlRevocation } from '../../src/modules/signatures/revocation.js'
import { sealPdf } from '../../src/modules/signatures/seal-pades.js'
import { sealXml } from '../../src/modules/signatures/seal-xades.js'
import { validateXades } from '../../src/modules/signatures/xades-validation.js'
import { startCrlServer } from '../support/crl-server.js'
import { type Issued, issue, makeCrl, signCms } from '../support/test-ca.js'
import { stampToken } from '../support/test-tsa.js'

const DAY = 86_400_000
type Stamp = (stamped: Buffer) => Promise<Buffer>

/** Each format: how to sign with a key (and a time-stamp), how to change the signed data, how to swap a byte of the certificate. */
interface Format {
  sign(signer: Issued, timeStamp?: Stamp): Promise<Buffer>
  changeData(signed: Buffer): Buffer
  changeCertificate(signed: Buffer): Buffer
  validate(signed: Buffer, anchors: Issued[]): Promise<SignatureReport[]>
}

const replaced = (bytes: Buffer, from: string, to: string, encoding: BufferEncoding = 'latin1') => {
  const text = bytes.toString(encoding)
  if (!text.includes(from)) throw new Error(`nothing to change: ${from}`)
  return Buffer.from(text.replace(from, to), encoding)
}
const CN = Buffer.from('Matrix Signer')
const CN_CHANGED = Buffer.from('Matrix Signes')

describe('the self-made matrix: each fault gives its indication in CAdES, XAdES and PAdES', () => {
  let root: Issued
  let other: Issued
  let tsa: Issued
  let crls: Awaited<ReturnType<typeof startCrlServer>>
  const signers: Record<'good' | 'revoked' | 'expired', Issued> = {} as never
  const revocation = crlRevocation('online', 2000)
  beforeAll(async () => {
    crls = await startCrlServer()
    root = await issue({ cn: 'Matrix Root', ca: true, days: 3650, from: new Date(Date.now() - 1000 * DAY) })
    other = await issue({ cn: 'Another Root', ca: true })
    tsa = await issue({ cn: 'Matrix TSA', tsa: true, days: 3650, from: new Date(Date.now() - 1000 * DAY) })
    signers.good = await issue({ cn: 'Matrix Signer', issuer: root, crl: crls.url })
    signers.revoked = await issue({ cn: 'Matrix Signer', issuer: root, crl: crls.url })
    signers.expired = await issue({
      cn: 'Matrix Signer',
      issuer: root,
      crl: crls.url,
      from: new Date(Date.now() - 400 * DAY),
      days: 30,
    })
    crls.set(await makeCrl(root, [signers.revoked]))
  })
  afterAll(() => crls.close())

  const keyOf = (signer: Issued): SigningKey => ({
    privateKey: signer.keys.privateKey,
    cert: signer.cert,
    chain: [root.cert],
  })

  const FORMATS: Record<'CAdES' | 'XAdES' | 'PAdES', Format> = {
    CAdES: {
      sign: (signer, timeStamp) =>
        signCms(Buffer.from('Matrix data'), signer, { chain: [root], ...(timeStamp ? { timeStamp } : {}) }),
      changeData: (signed) => replaced(signed, 'Matrix data', 'Matrix dbta'),
      changeCertificate: (signed) => replaced(signed, CN.toString('latin1'), CN_CHANGED.toString('latin1')),
      validate: (signed, anchors) =>
        validateCms(
          signed,
          null,
          anchors.map((a) => a.cert),
          new Date(),
          { revocation },
        ),
    },
    XAdES: {
      sign: (signer, timeStamp) =>
        sealXml(
          Buffer.from('<receipt><case>OR.5310.1.2026</case></receipt>'),
          keyOf(signer),
          timeStamp ? { timeStamp } : {},
        ),
      changeData: (signed) => replaced(signed, 'OR.5310.1.2026', 'OR.5310.2.2026', 'utf8'),
      changeCertificate: (signed) => {
        const text = signed.toString('utf8')
        const b64 = /<ds:X509Certificate>([^<]+)</.exec(text)![1]!
        const der = Buffer.from(b64, 'base64')
        const changed = replaced(der, CN.toString('latin1'), CN_CHANGED.toString('latin1')).toString('base64')
        return Buffer.from(text.replace(b64, changed), 'utf8')
      },
      validate: (signed, anchors) =>
        validateXades(
          signed,
          anchors.map((a) => a.cert),
          new Date(),
          { revocation },
        ),
    },
    PAdES: {
      sign: async (signer, timeStamp) => {
        const doc = await PDFDocument.create()
        doc.addPage([595, 842]).drawText('Decyzja', {
          x: 72,
          y: 760,
          size: 14,
          font: await doc.embedFont(StandardFonts.Helvetica),
        })
        return sealPdf(Buffer.from(await doc.save()), keyOf(signer), {
          name: 'Matrix Office',
          reason: 'Matrix',
          location: 'Lublin',
          ...(timeStamp ? { timeStamp } : {}),
        })
      },
      changeData: (signed) => replaced(signed, '/Location (Lublin)', '/Location (Lublim)'),
      changeCertificate: (signed) => replaced(signed, CN.toString('hex'), CN_CHANGED.toString('hex')),
      validate: (signed, anchors) =>
        validatePades(
          signed,
          anchors.map((a) => a.cert),
          new Date(),
          { revocation },
        ),
    },
  }

  for (const [name, format] of Object.entries(FORMATS))
    it(`${name}: intact, changed data, a changed certificate, expired, revoked, no chain, time-stamps`, async () => {
      const anchors = [root, tsa]
      const first = async (signed: Buffer, trusted = anchors) => (await format.validate(signed, trusted))[0]!
      const intact = await format.sign(signers.good)
      expect(await first(intact), 'intact').toMatchObject({
        indication: 'TOTAL_PASSED',
        subIndication: null,
        level: 'B',
      })
      expect(await first(format.changeData(intact)), 'changed data').toMatchObject({
        indication: 'TOTAL_FAILED',
        subIndication: 'HASH_FAILURE',
      })
      expect(await first(format.changeCertificate(intact)), 'changed certificate').toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
      })
      expect(await first(await format.sign(signers.expired)), 'expired').toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'OUT_OF_BOUNDS_NO_POE',
      })
      expect(await first(await format.sign(signers.revoked)), 'revoked').toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'REVOKED_NO_POE',
      })
      expect(await first(intact, [other, tsa]), 'no chain').toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      })
      // A time-stamp over the signature: level T. One over something else: it fails and proves nothing.
      const stamped = await first(await format.sign(signers.good, (v) => stampToken(tsa, v)))
      expect(stamped, 'time-stamped').toMatchObject({ indication: 'TOTAL_PASSED', level: 'T' })
      expect(stamped.timestamps).toEqual([expect.objectContaining({ indication: 'PASSED' })])
      const mismatched = await first(
        await format.sign(signers.good, () => stampToken(tsa, Buffer.from('something else'))),
      )
      expect(mismatched, 'time-stamp that does not match').toMatchObject({ level: 'B' })
      expect(mismatched.timestamps).toEqual([
        expect.objectContaining({ indication: 'FAILED', subIndication: 'HASH_FAILURE' }),
      ])
      expect(mismatched.detail).toMatch(/time-stamp does not hold/)
    })
})
