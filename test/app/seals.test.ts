import { PDFDocument, StandardFonts } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SigningKey } from '../../src/modules/signatures/cms-signing.js'
import { validatePades } from '../../src/modules/signatures/pades-validation.js'
import { SealRefused, sealPdf } from '../../src/modules/signatures/seal-pades.js'
import { sealXml } from '../../src/modules/signatures/seal-xades.js'
import { requestTimeStamp } from '../../src/modules/signatures/time-stamps.js'
import { validateXades } from '../../src/modules/signatures/xades-validation.js'
import { type Issued, issue } from '../support/test-ca.js'
import { startTestTsa } from '../support/test-tsa.js'

const RECEIPT = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><receipt xmlns="urn:ratusz:receipt"><case>ЦНАП-12/2026</case><received>2026-12-01T10:00:00Z</received></receipt>',
)

async function letter(): Promise<Buffer> {
  const doc = await PDFDocument.create()
  const page = doc.addPage([595, 842])
  page.drawText('Decyzja nr 12/2026', {
    x: 72,
    y: 760,
    size: 14,
    font: await doc.embedFont(StandardFonts.Helvetica),
  })
  return Buffer.from(await doc.save())
}

const keyOf = (seal: Issued, chain: Issued[] = []): SigningKey => ({
  privateKey: seal.keys.privateKey,
  cert: seal.cert,
  chain: chain.map((c) => c.cert),
})

describe('the office seal', () => {
  let tsa: Issued
  let server: Awaited<ReturnType<typeof startTestTsa>>
  beforeAll(async () => {
    tsa = await issue({ cn: 'Test TSA', tsa: true, days: 3650 })
    server = await startTestTsa(tsa)
  })
  afterAll(() => server.close())

  it('seals XML with enveloped XAdES, RSA and ECDSA, that its own validator passes; with a TSA at level T', async () => {
    for (const alg of ['RSA', 'ECDSA'] as const) {
      const seal = await issue({ cn: 'Львівський ЦНАП — печатка', alg })
      const sealed = await sealXml(RECEIPT, keyOf(seal))
      expect(sealed.toString()).toContain('<xades:SigningCertificateV2>')
      const [report] = await validateXades(sealed, [seal.cert], new Date())
      expect(report, alg).toMatchObject({ format: 'XAdES', indication: 'TOTAL_PASSED', level: 'B' })
      expect(report!.signatureAlgorithm).toMatch(alg === 'RSA' ? /RSA with SHA-256/ : /ECDSA with SHA-256/)
      // Changed after sealing: the receipt's case number altered.
      const changed = Buffer.from(sealed.toString().replace('ЦНАП-12/2026', 'ЦНАП-13/2026'))
      expect((await validateXades(changed, [seal.cert], new Date()))[0]).toMatchObject({
        indication: 'TOTAL_FAILED',
        subIndication: 'HASH_FAILURE',
      })
    }
    const seal = await issue({ cn: 'Urząd Miasta — pieczęć' })
    const stamped = await sealXml(RECEIPT, keyOf(seal), { timeStamp: (v) => requestTimeStamp(server.url, v) })
    const [t] = await validateXades(stamped, [seal.cert, tsa.cert], new Date())
    expect(t).toMatchObject({ indication: 'TOTAL_PASSED', level: 'T' })
    expect(t!.timestamps[0]).toMatchObject({ indication: 'PASSED', tsa: expect.stringContaining('Test TSA') })
    // A time-stamp that does not match: taken from another sealing of the same receipt.
    const other = await sealXml(RECEIPT, keyOf(seal), { timeStamp: (v) => requestTimeStamp(server.url, v) })
    const token = /<xades:EncapsulatedTimeStamp>([^<]+)</.exec(other.toString())![1]!
    const swapped = Buffer.from(
      stamped.toString().replace(/(<xades:EncapsulatedTimeStamp>)[^<]+/, `$1${token}`),
    )
    const [mismatch] = await validateXades(swapped, [seal.cert, tsa.cert], new Date())
    expect(mismatch).toMatchObject({ indication: 'TOTAL_PASSED', level: 'B' })
    expect(mismatch!.timestamps[0]).toMatchObject({ indication: 'FAILED', subIndication: 'HASH_FAILURE' })
  })

  it('seals a PDF with PAdES, visible and invisible, below a CA, at level T with a TSA; its validator passes it', async () => {
    const root = await issue({ cn: 'Demo CA', ca: true, days: 3650 })
    const seal = await issue({ cn: 'Львівський ЦНАП', issuer: root })
    const visible = await sealPdf(await letter(), keyOf(seal, [root]), {
      name: 'Львівський ЦНАП',
      reason: 'Електронна печатка',
      location: 'Львів',
      visible: ['Львівський ЦНАП', 'Електронна печатка', '2026-12-01'],
      timeStamp: (v) => requestTimeStamp(server.url, v),
    })
    // The seal's certificate is itself trusted here (no CRL to ask about it below the CA).
    const [report] = await validatePades(visible, [seal.cert, tsa.cert], new Date())
    expect(report).toMatchObject({ format: 'PAdES', indication: 'TOTAL_PASSED', level: 'T' })
    const widget = (await PDFDocument.load(visible)).getForm().getFields()[0]!.acroField.getWidgets()[0]!
    expect(widget.getRectangle().width).toBeGreaterThan(50)
    const invisible = await sealPdf(await letter(), keyOf(seal, [root]), {
      name: 'Urząd Miasta Lublin',
      reason: 'Pieczęć elektroniczna',
      location: 'Lublin',
    })
    const [plain] = await validatePades(invisible, [seal.cert], new Date())
    expect(plain).toMatchObject({ indication: 'TOTAL_PASSED', level: 'B' })
    expect(
      (await PDFDocument.load(invisible)).getForm().getFields()[0]!.acroField.getWidgets()[0]!.getRectangle()
        .width,
    ).toBe(0)
    // Below the CA with no revocation data to be had: undecided, honestly, not passed.
    expect((await validatePades(invisible, [root.cert], new Date()))[0]).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
    })
    // What was sealed changed: the place in the seal's own dictionary.
    const changed = Buffer.from(
      invisible.toString('latin1').replace('/Location (Lublin)', '/Location (Lublim)'),
      'latin1',
    )
    expect(changed.equals(invisible)).toBe(false)
    expect((await validatePades(changed, [seal.cert], new Date()))[0]).toMatchObject({
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
    })
  })

  it('refuses a PDF that is signed already, and one that is not a PDF', async () => {
    const seal = await issue({ cn: 'Seal' })
    const once = await sealPdf(await letter(), keyOf(seal), { name: 'A', reason: 'B', location: 'C' })
    await expect(sealPdf(once, keyOf(seal), { name: 'A', reason: 'B', location: 'C' })).rejects.toThrow(
      /signed already/,
    )
    await expect(
      sealPdf(Buffer.from('%PDF-1.7 garbage'), keyOf(seal), { name: 'A', reason: 'B', location: 'C' }),
    ).rejects.toBeInstanceOf(SealRefused)
  })
})
