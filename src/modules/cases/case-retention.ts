import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import { strToU8, zipSync } from 'fflate'
import { nextInSequence } from '../../platform/counters.js'
import { inTransaction } from '../../platform/db/index.js'
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js'
import type { Lang } from '../../platform/i18n/index.js'
import { newId } from '../../platform/ids.js'
import { tablePdf } from '../../platform/pdf-table.js'
import { localDateOf } from '../../platform/timezone.js'
import { xmlText } from '../../platform/xml-text.js'
import { type Actor, allow, auditRecordBy, rules } from '../identity/index.js'
import * as docs from './case-documents.repository.js'
import type { CasesContext } from './cases.context.js'
import { casesTexts } from './cases.messages.js'
import type { CaseRow, DestructionListRow } from './cases.tables.js'
import { retentionOf } from './retention.js'
import * as repo from './retention.repository.js'

/** Who runs retention: the office's managers (its archive keeper) and admins. */
const retentionRule = rules.role('admin', 'manager')

const xml = xmlText

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/**
 * Retention and the archive: which closed cases may be destroyed, reviewed or transferred on a day;
 * destruction only through a list with the state archive's consent recorded (the files removed from
 * the store, the rows kept as a tombstone, every step audited); and the transfer package of a
 * category A case with its metadata, files and their SHA-256 sums.
 */
export function caseRetention(ctx: CasesContext) {
  async function mustManage(actor: Actor, officeId: string) {
    if (!allow(actor, retentionRule, { officeId })) throw forbidden()
    const office = await ctx.ports.office(officeId)
    if (!office) throw notFound('Office')
    return office
  }

  function eligibleOn(rows: readonly CaseRow[], on: string) {
    return rows.flatMap((c) => {
      const r = c.closedOn ? retentionOf(c.category, c.closedOn, ctx.config.archiveTransferYears) : null
      return r && r.from <= on
        ? [
            {
              caseId: c.id,
              sign: c.sign,
              title: c.title,
              category: c.category,
              closedOn: c.closedOn as string,
              eligibleFrom: r.from,
              action: r.action,
            },
          ]
        : []
    })
  }

  async function listDto(list: DestructionListRow) {
    const cases = await repo.casesOfList(ctx.db, list.id)
    return {
      id: list.id,
      officeId: list.officeId,
      number: list.number,
      asOf: list.asOf,
      status: list.status as 'awaiting-consent' | 'consented' | 'destroyed',
      consent: list.consentReference
        ? {
            reference: list.consentReference,
            on: list.consentedOn as string,
            recordedBy: list.consentRecordedBy as string,
          }
        : null,
      destroyedAt: list.destroyedAt,
      items: cases.map((c) => ({
        caseId: c.id,
        sign: c.sign,
        title: c.title,
        category: c.category,
        closedOn: c.closedOn as string,
      })),
      createdAt: list.createdAt,
      createdBy: list.createdBy,
    }
  }

  async function loadList(actor: Actor, id: string) {
    const list = await repo.findList(ctx.db, id)
    if (!list) throw notFound('Destruction list')
    await mustManage(actor, list.officeId)
    return list
  }

  const audit = (
    trx: Parameters<typeof ctx.audit.record>[0],
    actor: Actor,
    list: DestructionListRow,
    action: string,
    summary: Record<string, unknown>,
  ) =>
    ctx.audit.record(
      trx,
      auditRecordBy(actor, {
        action: `retention.${action}`,
        officeId: list.officeId,
        subjectType: 'destruction-list',
        subjectId: list.id,
        summary: { number: list.number, ...summary },
      }),
    )

  return {
    /** The closed cases of an office whose time has come on `on`: to destroy, to review, to transfer. */
    async eligible(actor: Actor, officeId: string, on: string) {
      await mustManage(actor, officeId)
      const rows = await repo.closedKept(ctx.db, officeId, `${on.slice(0, 4)}-01-01`)
      return { officeId, on, items: eligibleOn(rows, on) }
    },

    /**
     * Lists the cases that may be destroyed on `on` (B<n> and Bc) as a destruction list waiting
     * for the archive's consent; 422 when there is nothing to list.
     */
    async createDestructionList(actor: Actor, officeId: string, on?: string) {
      const office = await mustManage(actor, officeId)
      const today = localDateOf(ctx.clock.now(), office.timezone)
      const asOf = on ?? today
      const rows = await repo.closedKept(ctx.db, officeId, `${asOf.slice(0, 4)}-01-01`)
      const items = eligibleOn(rows, asOf).filter((i) => i.action === 'destroy')
      if (items.length === 0)
        throw invalid([{ path: 'body.on', message: 'no case may be destroyed on that day' }])
      const list = await inTransaction(ctx.db, async (trx) => {
        const year = today.slice(0, 4)
        const n = await nextInSequence(trx, `destruction-list:${officeId}`, year)
        const row: DestructionListRow = {
          id: newId(),
          officeId,
          number: `BN/${office.code}/${n}/${year}`,
          asOf,
          status: 'awaiting-consent',
          createdAt: ctx.clock.now().toISOString(),
          createdBy: actor.login,
          consentReference: null,
          consentedOn: null,
          consentRecordedBy: null,
          destroyedAt: null,
          destroyedBy: null,
        }
        await repo.insertList(
          trx,
          row,
          items.map((i) => i.caseId),
        )
        await audit(trx, actor, row, 'list', { asOf, cases: items.map((i) => i.sign) })
        return row
      })
      return listDto(list)
    },

    async destructionList(actor: Actor, id: string) {
      return listDto(await loadList(actor, id))
    },

    /** The list as the archive receives it (spis dokumentacji niearchiwalnej), as PDF. */
    async destructionListPdf(actor: Actor, id: string, lang?: Lang) {
      const list = await loadList(actor, id)
      const office = await ctx.ports.office(list.officeId)
      const dto = await listDto(list)
      const language = lang ?? office?.defaultLanguage ?? 'pl'
      const t = casesTexts(language)
      const pdf = tablePdf({
        title: t('destructionTitle', { number: list.number }),
        subtitle: t('destructionSubtitle', { office: office?.name[language] ?? '', asOf: list.asOf }),
        columns: [
          { heading: t('number'), width: 40 },
          { heading: t('sign'), width: 130 },
          { heading: t('subject'), width: 330 },
          { heading: t('category'), width: 70 },
          { heading: t('closed'), width: 90 },
          { heading: t('notes'), width: 126 },
        ],
        rows: dto.items.map((c, i) => [String(i + 1), c.sign, c.title, c.category, c.closedOn, '']),
        closing: t('count', { count: dto.items.length }),
        footer: (page, pages) => t('page', { page, pages }),
        lang: language,
      })
      return { format: 'pdf', fileName: `${list.number.replaceAll('/', '-')}.pdf`, body: pdf }
    },

    /** Records the state archive's consent to destroy what the list names, with its reference. */
    async recordConsent(actor: Actor, id: string, body: { reference: string; consentedOn: string }) {
      const list = await loadList(actor, id)
      const office = await ctx.ports.office(list.officeId)
      if (body.consentedOn > localDateOf(ctx.clock.now(), office?.timezone ?? 'UTC'))
        throw invalid([{ path: 'body.consentedOn', message: 'is in the future' }])
      await inTransaction(ctx.db, async (trx) => {
        const set = {
          status: 'consented',
          consentReference: body.reference,
          consentedOn: body.consentedOn,
          consentRecordedBy: actor.login,
        }
        if (!(await repo.advanceList(trx, id, 'awaiting-consent', set)))
          throw conflict(
            'LIST_STATE',
            'Consent is recorded already',
            `List ${list.number} is ${list.status}.`,
          )
        await audit(trx, actor, list, 'consent', { reference: body.reference, consentedOn: body.consentedOn })
      })
      return listDto((await repo.findList(ctx.db, id)) as DestructionListRow)
    },

    /**
     * Destroys what a consented list names: each case becomes a tombstone (its rows and register
     * entries stay, marked destroyed under the list's number) and its files leave the store, except
     * bytes a kept case still holds. Refused (409) without the archive's consent.
     */
    async destroy(actor: Actor, id: string) {
      const list = await loadList(actor, id)
      if (list.status !== 'consented')
        throw conflict(
          list.status === 'destroyed' ? 'LIST_STATE' : 'NO_CONSENT',
          list.status === 'destroyed' ? 'Destroyed already' : 'No consent of the state archive',
          list.status === 'destroyed'
            ? `List ${list.number} was carried out.`
            : `List ${list.number} has no recorded consent of the state archive: nothing is destroyed without it.`,
        )
      const office = await ctx.ports.office(list.officeId)
      const today = localDateOf(ctx.clock.now(), office?.timezone ?? 'UTC')
      if (today < list.asOf)
        throw conflict(
          'NOT_YET',
          'Not yet',
          `List ${list.number} was made for ${list.asOf}: nothing goes before that day.`,
        )
      const cases = await repo.casesOfList(ctx.db, id)
      const files = await repo.filesOf(
        ctx.db,
        cases.map((c) => c.id),
      )
      await inTransaction(ctx.db, async (trx) => {
        if (
          !(await repo.advanceList(trx, id, 'consented', {
            status: 'destroyed',
            destroyedAt: ctx.clock.now().toISOString(),
            destroyedBy: actor.login,
          }))
        )
          throw conflict('LIST_STATE', 'Destroyed already', `List ${list.number} was carried out.`)
        await repo.markDisposed(
          trx,
          cases.map((c) => c.id),
          { kind: 'destroyed', on: today, reference: list.number },
        )
        for (const c of cases)
          await ctx.recordAction(trx, actor, c, 'destroyed', {
            list: list.number,
            consent: list.consentReference,
          })
        await audit(trx, actor, list, 'destroyed', { cases: cases.map((c) => c.sign), files: files.length })
      })
      // After commit: the tombstones are there even if removing a file fails midway (it can be run again).
      const kept = await repo.stillUsed(ctx.db, files)
      const held = await ctx.ports.filesHeldElsewhere(files)
      for (const file of files) if (!kept.has(file) && !held.has(file)) await ctx.files.blobs.remove(file)
      return listDto((await repo.findList(ctx.db, id)) as DestructionListRow)
    },

    /**
     * Records that the state archive took a category A case (its reference and the day): the case
     * stays as the office's record of the transfer, marked `transferred`; audited.
     */
    async recordTransfer(actor: Actor, caseId: string, body: { reference: string; transferredOn: string }) {
      const { row } = await ctx.mustLoad(actor, caseId, retentionRule)
      const office = await ctx.ports.office(row.officeId)
      if (body.transferredOn > localDateOf(ctx.clock.now(), office?.timezone ?? 'UTC'))
        throw invalid([{ path: 'body.transferredOn', message: 'is in the future' }])
      const notForTransfer = () =>
        conflict(
          'NOT_FOR_TRANSFER',
          'Not for transfer',
          `Case ${row.sign} is not a closed category A case kept here.`,
        )
      if (row.category !== 'A' || row.status !== 'closed' || row.disposal) throw notForTransfer()
      await inTransaction(ctx.db, async (trx) => {
        const marked = await repo.markDisposed(trx, [row.id], {
          kind: 'transferred',
          on: body.transferredOn,
          reference: body.reference,
        })
        if (marked !== 1) throw notForTransfer()
        await ctx.recordAction(trx, actor, row, 'transferred', {
          reference: body.reference,
          on: body.transferredOn,
        })
      })
      const { row: after } = await ctx.mustLoad(actor, caseId, retentionRule)
      return ctx.toDto(actor, after)
    },

    /**
     * The transfer package of a closed category A case for the state archive: one ZIP with
     * `metadata.xml` (the case and each document's metadata by the Polish minimum set, each file's
     * path, size and SHA-256), the files of every version, and `SHA256SUMS` over all of them.
     */
    async transferPackage(actor: Actor, caseId: string) {
      const { row } = await ctx.mustLoad(actor, caseId, retentionRule)
      if (row.category !== 'A' || row.status !== 'closed' || row.disposal)
        throw conflict(
          'NOT_FOR_TRANSFER',
          'Not for transfer',
          `Case ${row.sign} is not a closed category A case kept here.`,
        )
      const office = await ctx.ports.office(row.officeId)
      const documents = await docs.documentsOf(ctx.db, row.id)
      const versions = await docs.versionsOf(
        ctx.db,
        documents.map((d) => d.id),
      )
      const files: Record<string, Uint8Array> = {}
      const entries: string[] = []
      for (const d of documents) {
        const own = versions.filter((v) => v.documentId === d.id)
        const fileEntries: string[] = []
        for (const v of own) {
          const bytes = await bytesOf(await ctx.files.blobs.get(v.sha256))
          const path = `files/${d.seq}-v${v.version}-${v.name}`
          files[path] = bytes
          fileEntries.push(
            `      <file path="${xml(path)}" version="${v.version}" size="${v.size}" sha256="${v.sha256}" />`,
          )
        }
        entries.push(
          [
            `    <document identifier="${xml(`${row.sign}/${d.seq}`)}">`,
            `      <creator>${xml(d.creator)}</creator>`,
            `      <title>${xml(d.title)}</title>`,
            `      <date created="${xml(d.documentDate)}" added="${xml(d.createdAt)}" />`,
            `      <access>${xml(d.access)}</access>`,
            `      <type kind="${xml(d.kind)}" form="${xml(d.form)}" />`,
            `      <grouping>${xml(row.sign)}</grouping>`,
            `      <archivalCategory>${xml(row.category)}</archivalCategory>`,
            `      <language>${xml(d.language)}</language>`,
            ...(d.recipient ? [`      <recipient>${xml(d.recipient)}</recipient>`] : []),
            ...(d.relation ? [`      <relation>${xml(d.relation)}</relation>`] : []),
            ...(d.description ? [`      <description>${xml(d.description)}</description>`] : []),
            ...fileEntries,
            '    </document>',
          ].join('\n'),
        )
      }
      const metadata = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<transferPackage created="${ctx.clock.now().toISOString()}" office="${xml(office?.code)}">`,
        `  <case sign="${xml(row.sign)}" category="${xml(row.category)}" started="${row.startedOn}" closed="${row.closedOn ?? ''}">`,
        `    <title>${xml(row.title)}</title>`,
        ...entries,
        '  </case>',
        '</transferPackage>',
        '',
      ].join('\n')
      files['metadata.xml'] = strToU8(metadata)
      const sums = Object.entries(files)
        .map(([path, bytes]) => `${sha256(bytes)}  ${path}`)
        .sort((a, b) => a.slice(66).localeCompare(b.slice(66)))
        .join('\n')
      files.SHA256SUMS = strToU8(`${sums}\n`)
      const zip = zipSync(files, { level: 6 })
      await inTransaction(ctx.db, (trx) =>
        ctx.recordAction(trx, actor, row, 'transfer-package', {
          files: Object.keys(files).length - 2,
          sha256: sha256(zip),
        }),
      )
      return { fileName: `${row.sign}.zip`, body: Buffer.from(zip) }
    },
  }
}
