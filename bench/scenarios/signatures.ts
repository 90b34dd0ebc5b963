import { createHash, createPrivateKey, sign, verify, X509Certificate } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as asn1js from 'asn1js'
import { PDFDocument } from 'pdf-lib'
import * as pkijs from 'pkijs'
import { certificatesIn } from '../../src/modules/signatures/certificates.js'
import { validateCms } from '../../src/modules/signatures/cms-validation.js'
import { validatePades } from '../../src/modules/signatures/pades-validation.js'
import { sealPdf } from '../../src/modules/signatures/seal-pades.js'
import { sealXml } from '../../src/modules/signatures/seal-xades.js'
import { validationPool } from '../../src/modules/signatures/validation-pool.js'
import { validateXades } from '../../src/modules/signatures/xades-validation.js'
import { issue, signCms, signXml } from '../../test/support/test-ca.js'
import { median, printTable, ROOT, type Row } from '../support.js'

/** Validations of one function for `seconds`, one after another: how many a second. */
async function rate(
  validate: () => Promise<unknown>,
  seconds: number,
): Promise<{ perSecond: number; p50: number; p99: number }> {
  const times: number[] = []
  const end = performance.now() + seconds * 1000
  while (performance.now() < end) {
    const t = performance.now()
    await validate()
    times.push(performance.now() - t)
  }
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100
  return { perSecond: Math.round(times.length / seconds), p50: at(0.5), p99: at(0.99) }
}

async function rounds(validate: () => Promise<unknown>, options: { rounds: number; seconds: number }) {
  await rate(validate, 1)
  const runs = []
  for (let i = 0; i < options.rounds; i++) runs.push(await rate(validate, options.seconds))
  return {
    requestsPerSecond: median(runs.map((r) => r.perSecond)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non2xx: 0,
    errors: 0,
  }
}

const rssMiB = () => Math.round(process.memoryUsage().rss / 1024 / 1024)

/**
 * signatures: validations per second, in process, one after another, of a CAdES detached signature
 * (RSA-2048, a 100 kB document), an enveloped XAdES receipt and the EU DSS PAdES-BES file (when
 * ../shared/vectors is there), each with its signer as the trust anchor, against the hand-written
 * reference: the same signature's cryptography with node:crypto alone (the signed attributes' RSA
 * verification and the document's SHA-256), which is the least any validator must do.
 */
export async function run(options: { rounds: number; seconds: number; connections: number }): Promise<Row[]> {
  const document = Buffer.alloc(100 * 1024, 'Wniosek o wydanie zaświadczenia. ')
  const signer = await issue({ cn: 'Bench Signer' })
  const p7s = await signCms(document, signer, { detached: true })
  const anchors = [signer.cert]

  // The bare reference: verify the CMS signer's RSA signature over its signed attributes, and hash the document.
  const signed = new pkijs.SignedData({
    schema: new pkijs.ContentInfo({ schema: asn1js.fromBER(new Uint8Array(p7s)).result }).content,
  })
  const info = signed.signerInfos[0]!
  const attrs = Buffer.from(info.signedAttrs!.encodedValue)
  attrs[0] = 0x31 // DER SET, as the signature covers it
  const signature = Buffer.from(info.signature.valueBlock.valueHexView)
  const bareKey = new X509Certificate(signer.der).publicKey
  const bare = async () => {
    createHash('sha256').update(document).digest()
    if (!verify('sha256', attrs, bareKey, signature)) throw new Error('bare verification failed')
  }
  const baseline: Row = {
    name: 'node:crypto RSA verify + SHA-256',
    result: await rounds(bare, options),
    memoryMiB: rssMiB(),
  }

  const rows: Row[] = []
  const cades = async () => {
    const [r] = await validateCms(p7s, document, anchors, new Date())
    if (r?.indication !== 'TOTAL_PASSED') throw new Error(`CAdES: ${r?.indication}`)
  }
  rows.push({ name: 'CAdES detached, 100 kB', result: await rounds(cades, options), memoryMiB: rssMiB() })

  const receipt = Buffer.from(
    await signXml(
      `<receipt><office>Urząd Miasta Lublin</office><text>${'x'.repeat(2000)}</text></receipt>`,
      signer,
    ),
  )
  const xades = async () => {
    const [r] = await validateXades(receipt, anchors, new Date())
    if (r?.indication !== 'TOTAL_PASSED') throw new Error(`XAdES: ${r?.indication}`)
  }
  rows.push({ name: 'XAdES enveloped receipt', result: await rounds(xades, options), memoryMiB: rssMiB() })

  const padesFile = join(ROOT, '..', 'shared', 'vectors', 'signatures', 'pades', 'pades-bes.pdf')
  if (existsSync(padesFile)) {
    const pdf = readFileSync(padesFile)
    const hex = /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(pdf.toString('latin1'))![1]!
    const padded = Buffer.from(hex, 'hex')
    const cms = padded.subarray(0, asn1js.fromBER(new Uint8Array(padded)).offset)
    const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(new Uint8Array(cms)).result })
    const padesSigner = (new pkijs.SignedData({ schema: contentInfo.content }).certificates ?? []).filter(
      (c): c is pkijs.Certificate => c instanceof pkijs.Certificate && !c.subject.isEqual(c.issuer),
    )
    const pades = async () => {
      const [r] = await validatePades(pdf, padesSigner, new Date())
      if (r?.indication !== 'TOTAL_PASSED') throw new Error(`PAdES: ${r?.indication}`)
    }
    rows.push({ name: 'PAdES-BES (DSS, 157 kB)', result: await rounds(pades, options), memoryMiB: rssMiB() })
  } else process.stdout.write('PAdES: ../shared/vectors is absent, not measured\n')

  const dstuDir = join(ROOT, '..', 'shared', 'vectors', 'signatures', 'dstu')
  if (existsSync(dstuDir)) {
    const message = readFileSync(join(dstuDir, 'message.p7'))
    const dstuAnchors = certificatesIn(readFileSync(join(dstuDir, 'SELF_SIGNED1.cer')))
    const dstu = async () => {
      const [r] = await validateCms(message, null, dstuAnchors, new Date('2020-01-01'))
      if (r?.indication !== 'TOTAL_PASSED') throw new Error(`DSTU: ${r?.indication}`)
    }
    rows.push({
      name: 'CAdES DSTU 4145 (jkurwa file)',
      result: await rounds(dstu, options),
      memoryMiB: rssMiB(),
    })
  } else process.stdout.write('DSTU 4145: ../shared/vectors is absent, not measured\n')

  // As the API validates: in a worker thread of the pool, the trust store passed along.
  const pool = validationPool({ timeoutMs: 20_000 })
  const anchorDers = [signer.der.toString('base64')]
  const pooled = async () => {
    const r = await pool.run({
      file: new Uint8Array(p7s),
      data: new Uint8Array(document),
      anchors: { key: 'bench', ders: anchorDers },
      now: new Date().toISOString(),
      revocation: 'offline',
      localCrl: null,
    })
    if (!r.ok || r.signatures[0]?.indication !== 'TOTAL_PASSED')
      throw new Error('CAdES in the worker did not pass')
  }
  rows.push({
    name: 'CAdES, in the validation worker',
    result: await rounds(pooled, options),
    memoryMiB: rssMiB(),
  })
  await pool.close()

  printTable(
    'signatures: validations per second, one at a time, in process (vs bare = ratio to node:crypto alone)',
    baseline,
    rows,
  )

  // Sealing: the office's seal on a one-page letter (PAdES, visible) and on a receipt (XAdES).
  const key = { privateKey: signer.keys.privateKey, cert: signer.cert, chain: [] }
  const privatePem = createPrivateKey({
    key: Buffer.from(await crypto.subtle.exportKey('pkcs8', signer.keys.privateKey)),
    format: 'der',
    type: 'pkcs8',
  })
  const letterDoc = await PDFDocument.create()
  letterDoc.addPage([595, 842]).drawText('Decyzja nr 12/2026', { x: 72, y: 760, size: 14 })
  const letter = Buffer.from(await letterDoc.save())
  const bareSeal: Row = {
    name: 'node:crypto RSA sign + SHA-256',
    result: await rounds(async () => {
      sign('sha256', createHash('sha256').update(letter).digest(), privatePem)
    }, options),
    memoryMiB: rssMiB(),
  }
  const sealRows: Row[] = []
  const receiptXml = Buffer.from(
    `<receipt><office>Urząd Miasta Lublin</office><text>${'x'.repeat(2000)}</text></receipt>`,
  )
  sealRows.push({
    name: 'XAdES seal of a receipt',
    result: await rounds(() => sealXml(receiptXml, key), options),
    memoryMiB: rssMiB(),
  })
  sealRows.push({
    name: 'PAdES seal of a letter, visible',
    result: await rounds(
      () =>
        sealPdf(letter, key, {
          name: 'Urząd Miasta Lublin',
          reason: 'Pieczęć',
          location: 'Lublin',
          visible: ['Urząd Miasta Lublin', '2026-12-01'],
        }),
      options,
    ),
    memoryMiB: rssMiB(),
  })
  printTable(
    'seals: seals per second, one at a time, in process (vs bare = ratio to node:crypto sign alone)',
    bareSeal,
    sealRows,
  )
  return [baseline, ...rows, bareSeal, ...sealRows]
}
