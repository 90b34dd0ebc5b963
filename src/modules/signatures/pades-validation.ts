import * as asn1js from 'asn1js'
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib'
import type * as pkijs from 'pkijs'
import { NotASignature, validateCms } from './cms-validation.js'
import type { SignatureReport } from './report.js'
import type { RevocationCheck } from './revocation.js'

/** One signature dictionary of a PDF: its byte range and its CMS. */
interface PdfSignature {
  byteRange: number[]
  contents: Buffer
  subFilter: string | null
  /** The signing time the dictionary claims (`/M`). */
  claimed: Date | null
}

/** The signature dictionaries of a PDF (`/Type /Sig`, or a field value with `/ByteRange`), by pdf-lib. */
function signaturesOf(doc: PDFDocument): PdfSignature[] {
  const out: PdfSignature[] = []
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue
    const range = object.lookup(PDFName.of('ByteRange'))
    const contents = object.lookup(PDFName.of('Contents'))
    if (!(range instanceof PDFArray) || !(contents instanceof PDFHexString || contents instanceof PDFString))
      continue
    const byteRange = range.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN))
    const subFilter = object.lookup(PDFName.of('SubFilter'))
    const m = object.lookup(PDFName.of('M'))
    let claimed: Date | null = null
    try {
      claimed = m instanceof PDFString || m instanceof PDFHexString ? m.decodeDate() : null
    } catch {}
    out.push({
      claimed,
      byteRange,
      contents: Buffer.from(contents.asBytes()),
      subFilter: subFilter instanceof PDFName ? subFilter.decodeText() : null,
    })
  }
  return out.sort(
    (a, b) => (a.byteRange[2] ?? 0) + (a.byteRange[3] ?? 0) - ((b.byteRange[2] ?? 0) + (b.byteRange[3] ?? 0)),
  )
}

/** The CMS at the start of a signature's Contents (which is padded with zeros to its reserved size). */
function cmsOf(contents: Buffer): Buffer | null {
  const parsed = asn1js.fromBER(new Uint8Array(contents))
  if (parsed.offset === -1) return null
  return contents.subarray(0, parsed.offset)
}

/** Each page's content stream references, to tell whether a later revision changed what is shown. */
function pagesOf(doc: PDFDocument): string[] {
  return doc.getPages().map((p) => {
    const contents = p.node.get(PDFName.of('Contents'))
    return contents instanceof PDFRef || contents instanceof PDFArray ? contents.toString() : ''
  })
}

async function load(bytes: Uint8Array) {
  try {
    return await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
    })
  } catch {
    return null
  }
}

/**
 * Validates every signature of a PDF (PAdES). Each byte range must be well formed and lie within the
 * file, its gap exactly the signature's Contents, and no other signature's Contents may overwrite what
 * it signs (`FORMAT_FAILURE` otherwise); what was added after it may be signatures and form fields but
 * must not change the pages (a page added or its content replaced: `FORMAT_FAILURE`); then its CMS
 * is validated over the bytes its range covers, as CAdES is.
 */
export async function validatePades(
  bytes: Buffer,
  anchors: readonly pkijs.Certificate[],
  now: Date,
  options: { revocation?: RevocationCheck } = {},
): Promise<SignatureReport[]> {
  const doc = await load(new Uint8Array(bytes))
  if (!doc) throw new NotASignature('a PDF that cannot be read')
  const signatures = signaturesOf(doc)
  if (signatures.length === 0) throw new NotASignature('a PDF without signatures')
  const finalPages = pagesOf(doc)
  /** A byte range that fits the file: four whole numbers from 0, its gap exactly a `<…>` value. */
  const fits = (range: number[]) => {
    const [a, b, c, d] = range as [number, number, number, number]
    return (
      range.length === 4 &&
      range.every((n) => Number.isInteger(n) && n >= 0) &&
      a === 0 &&
      b < c &&
      c + d <= bytes.length &&
      bytes[b] === 0x3c &&
      bytes[c - 1] === 0x3e
    )
  }
  // The values of the well-formed signatures: what no other signature may have signed over.
  const gaps = signatures.map((s) =>
    fits(s.byteRange) ? ([s.byteRange[1], s.byteRange[2]] as [number, number]) : null,
  )
  const reports: SignatureReport[] = []
  for (const [i, sig] of signatures.entries()) {
    const [a, b, c, d] = sig.byteRange as [number, number, number, number]
    const failed = (detail: string): SignatureReport => ({
      format: 'PAdES',
      indication: 'TOTAL_FAILED',
      subIndication: 'FORMAT_FAILURE',
      level: null,
      signer: null,
      signingTime: null,
      timestamps: [],
      signatureAlgorithm: null,
      digestAlgorithm: null,
      signedDataDigest: null,
      chain: [],
      detail,
    })
    if (!fits(sig.byteRange)) {
      reports.push(failed('The signature’s byte range does not fit the file: what it signs cannot be found.'))
      continue
    }
    // Another signature's Contents (its gap) over either range this one signs.
    const intersects = (from: number, to: number, start: number, end: number) => from < end && to > start
    const overlaps = gaps.some(
      (gap, j) =>
        gap !== null &&
        j !== i &&
        (intersects(gap[0], gap[1], a, a + b) || intersects(gap[0], gap[1], c, c + d)),
    )
    if (overlaps) {
      reports.push(failed('Another signature’s value lies over bytes this signature signed.'))
      continue
    }
    const cms = cmsOf(sig.contents)
    if (!cms) {
      reports.push(failed('The signature value is not a CMS signature.'))
      continue
    }
    // Later revisions may add signatures, fields and validation data, not change the pages.
    if (c + d < bytes.length) {
      const signedRevision = await load(new Uint8Array(bytes.subarray(0, c + d)))
      const before = signedRevision ? pagesOf(signedRevision) : null
      if (!before || before.length !== finalPages.length || before.some((p, k) => p !== finalPages[k])) {
        reports.push(failed('The document’s pages were changed after it was signed.'))
        continue
      }
    }
    const signed = Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)])
    let cades: SignatureReport[]
    try {
      cades = await validateCms(cms, signed, anchors, now, {
        claimedSigningTime: sig.claimed,
        ...(options.revocation ? { revocation: options.revocation } : {}),
      })
    } catch {
      reports.push(failed('The signature value is not a CMS signature.'))
      continue
    }
    for (const r of cades) reports.push({ ...r, format: 'PAdES' })
  }
  return reports
}
