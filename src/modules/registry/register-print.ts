import type { Readable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import { forbidden, invalid, notFound } from '../../platform/errors.js'
import type { Lang } from '../../platform/i18n/index.js'
import { tablePdf } from '../../platform/pdf-table.js'
import { type Actor, allow } from '../identity/index.js'
import { periodBounds, type RegistryContext } from './registry.context.js'
import { registryTexts } from './registry.messages.js'
import { registryRules } from './registry.policy.js'
import * as repo from './registry.repository.js'
import type { Direction } from './registry.schemas.js'
import { type EntryRow, stored } from './registry.tables.js'

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
        content: tablePdf({
          title: t(direction === 'incoming' ? 'incomingTitle' : 'outgoingTitle'),
          subtitle: t('period', { office: office.code, period, printed: `${printed} UTC` }),
          columns,
          rows: rows.map((r) => columns.map((c) => c.value(r))),
          closing: t('count', { count: rows.length }),
          footer: (page, pages) => t('page', { page, pages }),
          lang,
        }),
        fileName,
      }
    },
  }
}
