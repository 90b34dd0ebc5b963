import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import PDFDocument from 'pdfkit'
import { forbidden, invalid, notFound } from '../../platform/errors.js'
import type { Lang } from '../../platform/i18n/index.js'
import { type Actor, allow } from '../identity/index.js'
import { periodBounds, type RegistryContext } from './registry.context.js'
import { registryTexts } from './registry.messages.js'
import { registryRules } from './registry.policy.js'
import * as repo from './registry.repository.js'
import type { Direction } from './registry.schemas.js'
import { type EntryRow, stored } from './registry.tables.js'

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf')
/** DejaVu Sans: Polish and Ukrainian letters alike, embedded (subset) in each PDF. */
const FONT = join(fontDir, 'DejaVuSans.ttf')
const FONT_BOLD = join(fontDir, 'DejaVuSans-Bold.ttf')

interface Column {
  heading: string
  width: number
  value: (row: EntryRow) => string
}

/** The printed register: a day's, month's or year's entries, as CSV or PDF, voided ones included. */
export function registerPrint(ctx: RegistryContext) {
  async function columnsOf(
    direction: Direction,
    lang: Lang,
    zone: string,
    rows: EntryRow[],
  ): Promise<Column[]> {
    const t = registryTexts(lang)
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      dateStyle: 'short',
      timeStyle: 'short',
    })
    const when = (at: string | null) => (at ? local.format(new Date(at)) : '')
    const orMissing = (v: string | null | undefined) => v ?? t('missing')
    const units = new Map<string, string>()
    for (const id of new Set(rows.map((r) => r.unitId).filter((u): u is string => !!u)))
      units.set(id, (await ctx.ports.unit(ctx.db, id))?.code ?? '')
    const partyOf = (row: EntryRow) => {
      const p = stored.party(row.party)
      const address = p.address
        ? [
            p.address.street,
            [p.address.postcode, p.address.city].filter(Boolean).join(' '),
            p.address.country,
          ]
            .filter(Boolean)
            .join(', ')
        : ''
      return [orMissing(p.name), address || t('missing'), p.email].filter(Boolean).join('\n')
    }
    const notes = (row: EntryRow) =>
      [row.voidReason !== null ? t('voided', { reason: row.voidReason }) : '', row.notes ?? '']
        .filter(Boolean)
        .join('\n')
    const number: Column = { heading: t('number'), width: 70, value: (r) => r.number }
    const subject: Column = { heading: t('subject'), width: 170, value: (r) => r.title }
    if (direction === 'incoming')
      return [
        number,
        { heading: t('received'), width: 62, value: (r) => when(r.receivedAt) },
        { heading: t('channel'), width: 48, value: (r) => r.channel ?? '' },
        { heading: t('sender'), width: 130, value: partyOf },
        { heading: t('letterDate'), width: 54, value: (r) => orMissing(r.letterDate) },
        { heading: t('reference'), width: 64, value: (r) => orMissing(r.reference) },
        subject,
        { heading: t('attachments'), width: 40, value: (r) => String(r.attachments) },
        { heading: t('assigned'), width: 50, value: (r) => (r.unitId ? (units.get(r.unitId) ?? '') : '') },
        { heading: t('notes'), width: 94, value: notes },
      ]
    return [
      number,
      { heading: t('registered'), width: 62, value: (r) => when(r.registeredAt) },
      { heading: t('recipient'), width: 130, value: partyOf },
      { heading: t('reference'), width: 70, value: (r) => orMissing(r.reference) },
      subject,
      {
        heading: t('method'),
        width: 60,
        value: (r) => [r.method, r.trackingNumber].filter(Boolean).join('\n'),
      },
      { heading: t('dispatched'), width: 62, value: (r) => when(r.dispatchedAt) },
      { heading: t('delivered'), width: 54, value: (r) => r.deliveredOn ?? '' },
      { heading: t('notes'), width: 94, value: notes },
    ]
  }

  function pdf(title: string, subtitle: string, columns: Column[], rows: EntryRow[], lang: Lang): Readable {
    const t = registryTexts(lang)
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: 28,
      bufferPages: true,
      info: { Title: title, Creator: 'Ratusz' },
      lang,
    })
    doc.registerFont('body', FONT)
    doc.registerFont('bold', FONT_BOLD)
    const left = doc.page.margins.left
    const bottom = () => doc.page.height - doc.page.margins.bottom - 14
    const drawRow = (cells: string[], font: 'body' | 'bold') => {
      doc.font(font).fontSize(7)
      const height =
        Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i]!.width - 4 }))) + 4
      if (doc.y + height > bottom()) {
        doc.addPage()
        if (font === 'body')
          drawRow(
            columns.map((c) => c.heading),
            'bold',
          )
        doc.font(font).fontSize(7)
      }
      const top = doc.y
      let x = left
      cells.forEach((cell, i) => {
        const width = columns[i]!.width
        doc.rect(x, top, width, height).lineWidth(0.3).stroke()
        doc.text(cell, x + 2, top + 2, { width: width - 4 })
        x += width
      })
      doc.x = left
      doc.y = top + height
    }
    doc.font('bold').fontSize(13).text(title)
    doc.font('body').fontSize(8).text(subtitle).moveDown(0.5)
    drawRow(
      columns.map((c) => c.heading),
      'bold',
    )
    for (const row of rows)
      drawRow(
        columns.map((c) => c.value(row)),
        'body',
      )
    doc
      .moveDown(0.5)
      .font('body')
      .fontSize(8)
      .text(t('count', { count: rows.length }), left)
    const range = doc.bufferedPageRange()
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i)
      doc
        .font('body')
        .fontSize(7)
        .text(
          t('page', { page: i + 1, pages: range.count }),
          left,
          doc.page.height - doc.page.margins.bottom - 8,
          {
            lineBreak: false,
          },
        )
    }
    doc.end()
    return doc as unknown as Readable
  }

  return {
    /**
     * An office's register for a year, a month or a day (office-local), every entry in its order:
     * what a chancellery prints or keeps for the archive. CSV for spreadsheets, PDF to print.
     */
    async printRegister(
      actor: Actor,
      officeId: string,
      direction: Direction,
      period: string,
      format: 'csv' | 'pdf',
      language: Lang | undefined,
    ): Promise<{ content: string | Readable; fileName: string }> {
      if (!allow(actor, registryRules.keep, { officeId })) throw forbidden()
      const office = await ctx.ports.office(officeId)
      if (!office) throw notFound('Office')
      if (period.length === 10 && new Date(`${period}T00:00:00Z`).toISOString().slice(0, 10) !== period)
        throw invalid([{ path: 'query.period', message: 'is not a date that exists' }])
      const lang = language ?? office.defaultLanguage
      const { from, to } = periodBounds(period, office.timezone)
      const rows = await repo.entriesRegisteredBetween(ctx.db, officeId, direction, from, to)
      const columns = await columnsOf(direction, lang, office.timezone, rows)
      const fileName = `${direction}-${office.code}-${period}.${format}`
      if (format === 'csv') {
        const records = [columns.map((c) => c.heading), ...rows.map((r) => columns.map((c) => c.value(r)))]
        // With a byte order mark, so that spreadsheets read the file as UTF-8.
        return { content: `\uFEFF${stringify(records)}`, fileName }
      }
      const t = registryTexts(lang)
      const printed = ctx.clock.now().toISOString().slice(0, 16).replace('T', ' ')
      return {
        content: pdf(
          t(direction === 'incoming' ? 'incomingTitle' : 'outgoingTitle'),
          t('period', { office: `${office.code}`, period, printed: `${printed} UTC` }),
          columns,
          rows,
          lang,
        ),
        fileName,
      }
    },
  }
}
