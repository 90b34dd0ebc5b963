import type { Readable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import type { AuditTrail } from '../../platform/audit-trail.js'
import type { Clock } from '../../platform/clock.js'
import type { Db } from '../../platform/db/index.js'
import { forbidden, invalid } from '../../platform/errors.js'
import { decodeCursor, page } from '../../platform/http/cursor.js'
import type { Lang } from '../../platform/i18n/index.js'
import { tablePdf } from '../../platform/pdf-table.js'
import { queryTerms } from '../../platform/search/fold.js'
import { newestVisible, type SearchIndex } from '../../platform/search/search-index.js'
import { type Actor, allow, reachOf, unitsVisibleTo } from '../identity/index.js'
import { caseDeadlines } from './case-deadlines.js'
import { caseDelayNotices } from './case-delay-notices.js'
import { caseDocuments } from './case-documents.js'
import { caseOpening } from './case-opening.js'
import { caseRetention } from './case-retention.js'
import { caseWorkflow } from './case-workflow.js'
import { type CaseFiles, type CasePorts, type CasesConfig, casesContext } from './cases.context.js'
import { casesTexts } from './cases.messages.js'
import { caseRules } from './cases.policy.js'
import * as repo from './cases.repository.js'
import type { CaseDto, CaseRegisterQuery, InTrayQuery } from './cases.schemas.js'
import type { CaseRow } from './cases.tables.js'

export type CasesService = ReturnType<typeof createCasesService>

/** Cases: opened under the classification with a gap-free sign, handled through their workflow, listed and registered. */
export function createCasesService(
  database: Db,
  clock: Clock,
  audit: AuditTrail,
  search: SearchIndex,
  config: CasesConfig,
  ports: CasePorts,
  files: CaseFiles,
) {
  const ctx = casesContext(database, clock, audit, search, config, ports, files)
  const documents = caseDocuments(ctx)

  return {
    ...caseOpening(ctx),
    ...caseWorkflow(ctx),
    ...caseDeadlines(ctx),
    ...caseDelayNotices(ctx, documents),
    ...caseRetention(ctx),
    ...documents.api,

    /** Cases whose sign, subject or parties match `q`, newest first, of those the actor may read. */
    async search(actor: Actor, q: string, officeId: string | undefined, limit: number): Promise<CaseDto[]> {
      const terms = queryTerms(q)
      if (terms.length === 0) return []
      const reach = { ...reachOf(actor, ['admin', 'officer', 'head']), viewerId: actor.id }
      const rows = await newestVisible(
        search,
        ctx.db,
        'case',
        terms,
        limit,
        (ids) => repo.searchCases(ctx.db, ids, reach, officeId),
        (r) => r.id,
      )
      return ctx.toDtos(actor, rows)
    },

    async get(actor: Actor, id: string): Promise<CaseDto> {
      const { row } = await ctx.mustLoad(actor, id, caseRules.read)
      return ctx.toDto(actor, row)
    },

    /** What was done to the case, oldest first: opening, each step with its reason, each edit. */
    async history(actor: Actor, id: string) {
      await ctx.mustLoad(actor, id, caseRules.read)
      const actions = await audit.history('case', id)
      return {
        items: actions.map((a) => ({ at: a.at, action: a.action, actor: a.actor.login, summary: a.summary })),
      }
    },

    /**
     * An in-tray: cases newest first, of one office (what the caller's grants reach there: their
     * units, their own, those shared with them) or, without an office, the caller's own.
     */
    async inTray(actor: Actor, query: InTrayQuery) {
      if (query.letterId)
        return { items: await documents.api.casesOfLetter(actor, query.letterId), nextCursor: null }
      const limit = query.limit ?? 50
      const cursor = decodeCursor(query.cursor, 2)
      if (!query.officeId && query.assignedTo !== 'me')
        throw invalid([{ path: 'query.officeId', message: 'name an office, or ask for assignedTo=me' }])
      // null: every unit of the office; a list: those units (an empty one: only the caller's own cases).
      let units: string[] | null = []
      let status = query.status
      if (query.officeId) {
        const roles = query.awaitingMyApproval
          ? (['admin', 'head'] as const)
          : (['admin', 'officer', 'head'] as const)
        const reach = unitsVisibleTo(actor, roles, query.officeId)
        units = reach === 'office' ? null : reach
        if (query.awaitingMyApproval) {
          if (units?.length === 0) return { items: [], nextCursor: null }
          status = 'awaiting-approval'
        }
      }
      const rows = await repo.listCases(ctx.db, {
        officeId: query.officeId,
        units,
        viewerId: actor.id,
        unitId: query.unitId,
        assigneeId: query.assignedTo === 'me' ? actor.id : undefined,
        status,
        before: cursor ? [String(cursor[0]), String(cursor[1])] : undefined,
        limit: limit + 1,
      })
      const cut = page(rows, limit, (r: CaseRow) => [r.createdAt, r.id])
      return {
        items: await ctx.toDtos(actor, cut.items),
        nextCursor: cut.nextCursor,
      }
    },

    /**
     * A unit's case register (spis spraw) for a class and year: number, sign, subject, from whom and
     * when, started, closed, notes; as JSON, CSV or PDF.
     */
    async caseRegister(actor: Actor, officeId: string, query: CaseRegisterQuery, language?: Lang) {
      if (!allow(actor, caseRules.read, { officeId, unitId: query.unitId })) throw forbidden()
      const office = await ports.office(officeId)
      const unit = await ports.unit(ctx.db, query.unitId)
      if (!office || !unit || unit.officeId !== officeId)
        throw invalid([{ path: 'query.unitId', message: 'is not a unit of this office' }])
      const rows = await repo.caseRegister(ctx.db, officeId, query.unitId, query.symbol, query.year)
      // The class's title as the classification in force at the year's end has it; a symbol that is
      // no class at all is the caller's mistake, unless cases were filed under it before.
      const classTitle = await ports.classification
        .leafClass(ctx.db, officeId, `${query.year}-12-31`, query.symbol, 'query.symbol')
        .then((c) => c.title)
        .catch((error: unknown) => {
          if (rows.length > 0) return ''
          throw error
        })
      const letters = await repo.lettersOf(
        ctx.db,
        rows.map((r) => r.id),
      )
      const items = []
      for (const row of rows) {
        const first = letters.find((l) => l.caseId === row.id && l.direction === 'incoming')
        const letter = first ? await ports.letter(ctx.db, first.entryId) : undefined
        items.push({
          number: row.seq,
          sign: row.sign,
          subject: row.title,
          from: letter
            ? {
                name: letter.party,
                reference: letter.reference,
                letterDate: letter.letterDate,
                received: letter.receivedAt?.slice(0, 10) ?? null,
                incoming: letter.number,
              }
            : null,
          startedOn: row.startedOn,
          closedOn: row.closedOn,
          status: row.status,
          category: row.category,
        })
      }
      const format = query.format ?? 'json'
      if (format === 'json') return { format, body: { classTitle, items } }
      const lang = language ?? office.defaultLanguage
      const t = casesTexts(lang)
      const columns = [
        { heading: t('number'), width: 40 },
        { heading: t('sign'), width: 110 },
        { heading: t('subject'), width: 220 },
        { heading: t('fromWhom'), width: 180 },
        { heading: t('started'), width: 70 },
        { heading: t('closed'), width: 70 },
        { heading: t('notes'), width: 96 },
      ]
      const cells = items.map((i) => [
        String(i.number),
        i.sign,
        i.subject,
        i.from
          ? [i.from.name, i.from.reference, i.from.letterDate ?? i.from.received].filter(Boolean).join(', ')
          : '',
        i.startedOn,
        i.closedOn ?? '',
        i.closedOn ? '' : t('status', { status: i.status }),
      ])
      const fileName = `spis-spraw-${unit.code}-${query.symbol}-${query.year}.${format}`
      if (format === 'csv')
        return { format, fileName, body: `\uFEFF${stringify([columns.map((c) => c.heading), ...cells])}` }
      const category = rows[0]?.category ?? ''
      const pdf: Readable = tablePdf({
        title: t('registerTitle', { unit: unit.code, symbol: query.symbol, year: query.year }),
        subtitle: t('registerSubtitle', {
          office: office.code,
          unitName: unit.name[lang],
          symbol: query.symbol,
          classTitle: classTitle ? `(${classTitle})` : '',
          category,
          printed: `${clock.now().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        }),
        columns,
        rows: cells,
        closing: t('count', { count: items.length }),
        footer: (p, pages) => t('page', { page: p, pages }),
        lang,
      })
      return { format, fileName, body: pdf }
    },
  }
}
