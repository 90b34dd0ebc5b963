import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import PDFDocument from 'pdfkit'

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf')
/** DejaVu Sans: Polish and Ukrainian letters alike, embedded (subset) in each PDF. */
const FONT = join(fontDir, 'DejaVuSans.ttf')
const FONT_BOLD = join(fontDir, 'DejaVuSans-Bold.ttf')

export interface PdfTable {
  title: string
  subtitle: string
  /** Headings and widths in points; landscape A4 leaves about 786 between the margins. */
  columns: readonly { heading: string; width: number }[]
  rows: readonly (readonly string[])[]
  /** A line under the table, e.g. the number of entries. */
  closing: string
  /** Each page's footer: "Page 2 of 5". */
  footer: (page: number, pages: number) => string
  lang: string
}

/**
 * A printable register as a PDF (landscape A4): title, the table with its heading repeated on every
 * page, rows as tall as their wrapped text, and numbered pages. The document streams out as pdfkit
 * writes it.
 */
export function tablePdf(table: PdfTable): Readable {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 28,
    bufferPages: true,
    info: { Title: table.title, Creator: 'Ratusz' },
    lang: table.lang,
  })
  doc.registerFont('body', FONT)
  doc.registerFont('bold', FONT_BOLD)
  const left = doc.page.margins.left
  const bottom = () => doc.page.height - doc.page.margins.bottom - 14
  const drawRow = (cells: readonly string[], font: 'body' | 'bold') => {
    doc.font(font).fontSize(7)
    const height =
      Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: table.columns[i]!.width - 4 }))) + 4
    if (doc.y + height > bottom()) {
      doc.addPage()
      if (font === 'body')
        drawRow(
          table.columns.map((c) => c.heading),
          'bold',
        )
      doc.font(font).fontSize(7)
    }
    const top = doc.y
    let x = left
    cells.forEach((cell, i) => {
      const width = table.columns[i]!.width
      doc.rect(x, top, width, height).lineWidth(0.3).stroke()
      doc.text(cell, x + 2, top + 2, { width: width - 4 })
      x += width
    })
    doc.x = left
    doc.y = top + height
  }
  doc.font('bold').fontSize(13).text(table.title)
  doc.font('body').fontSize(8).text(table.subtitle).moveDown(0.5)
  drawRow(
    table.columns.map((c) => c.heading),
    'bold',
  )
  for (const row of table.rows) drawRow(row, 'body')
  doc.moveDown(0.5).font('body').fontSize(8).text(table.closing, left)
  const range = doc.bufferedPageRange()
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i)
    doc
      .font('body')
      .fontSize(7)
      .text(table.footer(i + 1, range.count), left, doc.page.height - doc.page.margins.bottom - 8, {
        lineBreak: false,
      })
  }
  doc.end()
  return doc as unknown as Readable
}

/**
 * A one-page letter or decision as a PDF (portrait A4): a heading and paragraphs, in DejaVu Sans so
 * that Polish and Ukrainian text is real text a reader can search. The demo's case documents and
 * the tests' files are made with it.
 */
export async function letterPdf(letter: {
  title: string
  paragraphs: readonly string[]
  lang: string
  /** An image (a QR code, PNG) at the end, with a line under it. */
  figure?: { png: Buffer; caption: string; size: number }
}) {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: letter.title, Creator: 'Ratusz' } })
  doc.registerFont('body', FONT)
  doc.registerFont('bold', FONT_BOLD)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve) => doc.on('end', resolve))
  doc.font('bold').fontSize(14).text(letter.title).moveDown()
  doc.font('body').fontSize(11)
  for (const paragraph of letter.paragraphs) doc.text(paragraph).moveDown(0.6)
  if (letter.figure) {
    doc.image(letter.figure.png, { width: letter.figure.size })
    doc.fontSize(9).text(letter.figure.caption)
  }
  doc.end()
  await ended
  return Buffer.concat(chunks)
}
