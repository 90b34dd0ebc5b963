import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib'
import { Signer, SignPdf } from '@signpdf/signpdf'
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils'
import { PDFDocument, rgb } from 'pdf-lib'
import { type SigningKey, signedData } from './cms-signing.js'

/** A PDF the seal cannot be put on: unreadable, encrypted, or signed already. */
export class SealRefused extends Error {}

/** Room for the CMS in the PDF: the seal, its chain and a time-stamp token fit with room to spare. */
const SIGNATURE_BYTES = 24 * 1024
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf')
let font: Buffer | null = null

/** The CMS (CAdES, detached, no signing-time attribute: PAdES takes the time from the dictionary) over the byte ranges. */
class SealSigner extends Signer {
  constructor(
    private readonly key: SigningKey,
    private readonly timeStamp: ((value: Buffer) => Promise<Buffer>) | undefined,
  ) {
    super()
  }
  override async sign(signed: Buffer): Promise<Buffer> {
    return signedData(signed, this.key, {
      detached: true,
      signingTime: null,
      ...(this.timeStamp ? { timeStamp: this.timeStamp } : {}),
    })
  }
}

/**
 * A text for a PDF string that pdf-lib writes as given: ASCII as it is, anything else as UTF-16BE
 * with its byte-order mark; the bytes `(`, `)` and `\\` escaped, and CR too, as literal strings need.
 */
function pdfText(text: string): string {
  const raw = /^[\x20-\x7e]*$/.test(text)
    ? text
    : String.fromCharCode(0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16())
  return raw.replace(/[()\\\r]/g, (c) => (c === '\r' ? '\\r' : `\\${c}`))
}

export interface PdfSealOptions {
  /** Who seals (the office's name), in the signature dictionary and the visible seal. */
  name: string
  reason: string
  location: string
  /** Lines of the visible seal, drawn at the foot of the last page; none: an invisible seal. */
  visible?: readonly string[]
  at?: Date
  timeStamp?: (signatureValue: Buffer) => Promise<Buffer>
}

/**
 * Seals a PDF with a PAdES baseline signature (`ETSI.CAdES.detached`): pdf-lib and
 * @signpdf/placeholder-pdf-lib reserve the signature, @signpdf/signpdf fills the byte range, PKI.js
 * makes the CMS; with `timeStamp`, a signature time-stamp (level T). A visible seal is a framed box
 * with the office's name and the date on the last page, under the signature's widget; without it the
 * widget is empty (an invisible seal). A PDF signed already is refused: this rewrite would break the
 * signatures it holds.
 */
export async function sealPdf(pdf: Buffer, key: SigningKey, options: PdfSealOptions): Promise<Buffer> {
  let prepared: Buffer
  try {
    prepared = await withPlaceholder(pdf, options)
  } catch (error) {
    if (error instanceof SealRefused) throw error
    throw new SealRefused(`the PDF cannot be read (${(error as Error).message.split('\n')[0]})`)
  }
  return new SignPdf().sign(prepared, new SealSigner(key, options.timeStamp))
}

/** The PDF with the visible seal drawn (if asked) and the signature's placeholder, saved without object streams. */
async function withPlaceholder(pdf: Buffer, options: PdfSealOptions): Promise<Buffer> {
  const doc = await PDFDocument.load(new Uint8Array(pdf), { updateMetadata: false })
  if (
    doc
      .getForm()
      .getFields()
      .some((f) => f.constructor.name === 'PDFSignature') ||
    /\/ByteRange\s*\[/.test(pdf.toString('latin1'))
  )
    throw new SealRefused('the PDF is signed already; sealing it here would break its signatures')
  const pages = doc.getPages()
  const page = pages[pages.length - 1]
  if (!page) throw new SealRefused('the PDF has no pages')
  let rect = [0, 0, 0, 0]
  if (options.visible?.length) {
    // Loaded here, on the first visible seal: loading it costs every start of the process ≈0.3 s.
    doc.registerFontkit((await import('@pdf-lib/fontkit')).default)
    font ??= readFileSync(join(fontDir, 'DejaVuSans.ttf'))
    const face = await doc.embedFont(new Uint8Array(font), { subset: true })
    const size = 8
    const width = Math.max(...options.visible.map((l) => face.widthOfTextAtSize(l, size))) + 16
    const height = options.visible.length * (size + 3) + 12
    const x = page.getWidth() - width - 36
    const y = 24
    page.drawRectangle({ x, y, width, height, borderColor: rgb(0.1, 0.3, 0.6), borderWidth: 1 })
    for (const [i, line] of options.visible.entries())
      page.drawText(line, {
        x: x + 8,
        y: y + height - 8 - (i + 1) * (size + 3) + 3,
        size,
        font: face,
        color: rgb(0.1, 0.2, 0.4),
      })
    rect = [x, y, x + width, y + height]
  }
  pdflibAddPlaceholder({
    pdfDoc: doc,
    pdfPage: page,
    reason: pdfText(options.reason),
    contactInfo: '',
    name: pdfText(options.name),
    location: pdfText(options.location),
    signingTime: options.at ?? new Date(),
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: rect,
    appName: 'Ratusz',
  })
  return Buffer.from(await doc.save({ useObjectStreams: false }))
}
