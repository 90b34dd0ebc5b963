import { inTransaction } from '../../platform/db/index.js'
import { conflict, invalid, notFound } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { letterPdf } from '../../platform/pdf-table.js'
import { localDateOf } from '../../platform/timezone.js'
import { dueDate, longestExtension, parseTerm } from '../deadlines/index.js'
import type { Actor } from '../identity/index.js'
import type { caseDocuments } from './case-documents.js'
import { caseDue } from './case-term.js'
import { type CasesContext, versionMoved } from './cases.context.js'
import { casesTexts } from './cases.messages.js'
import { caseRules } from './cases.policy.js'
import * as repo from './cases.repository.js'
import type { CaseDto, DelayNoticeBody, DelayNoticeDto, DispatchNoticeBody } from './cases.schemas.js'
import { type CaseRow, type DelayNoticeRow, stored } from './cases.tables.js'

/** The states in which a case can still be late: not yet answered. */
const LATE_ABLE = ['registered', 'assigned', 'in-progress', 'suspended', 'awaiting-approval', 'approved']

const toDto = (n: DelayNoticeRow): DelayNoticeDto => ({
  id: n.id,
  caseId: n.caseId,
  documentId: n.documentId,
  reason: n.reason,
  newDueOn: n.newDueOn,
  createdAt: n.createdAt,
  createdBy: n.createdBy,
  dispatchedOn: n.dispatchedOn,
  dispatchedBy: n.dispatchedBy,
})

/**
 * KPA art. 36: a case that will be late gets a notice to its parties with the reason and the new
 * date, drafted from a template as a PDF document of its file; once the notice is dispatched, its
 * date is the case's due date (moved later only by suspensions after it), audited with the reason.
 */
export function caseDelayNotices(ctx: CasesContext, documents: ReturnType<typeof caseDocuments>) {
  const dayOffAt = (officeId: string) => (date: string) => ctx.ports.dayOff(officeId, date)

  async function todayAt(row: CaseRow) {
    const office = await ctx.ports.office(row.officeId)
    return { office, today: localDateOf(ctx.clock.now(), office?.timezone ?? 'UTC') }
  }

  return {
    /** Drafts the notice: the PDF in the case file and the notice waiting to be dispatched. */
    async draftDelayNotice(actor: Actor, caseId: string, body: DelayNoticeBody): Promise<DelayNoticeDto> {
      const { row: seen } = await ctx.mustLoad(actor, caseId, caseRules.work)
      const { office, today } = await todayAt(seen)
      if (!LATE_ABLE.includes(seen.status))
        throw conflict('CASE_STATE', 'The case is answered', `Case ${seen.sign} is ${seen.status}.`)
      if (!seen.dueOn)
        throw invalid([{ path: 'params.id', message: 'the case has no due date to be late for' }])
      if (body.newDueOn <= seen.dueOn || body.newDueOn <= today)
        throw invalid([{ path: 'body.newDueOn', message: `must be after ${seen.dueOn} and after today` }])
      // Where the law caps an extension (public information: two months from the request).
      const longest =
        seen.termSource === 'statutory' && seen.termBasis ? longestExtension(seen.termBasis) : null
      const cap = longest
        ? (await dueDate(seen.startedOn, parseTerm(longest)!, { dayOff: dayOffAt(seen.officeId) })).due
        : null
      if (cap && body.newDueOn > cap)
        throw invalid([
          { path: 'body.newDueOn', message: `may be ${cap} at the latest (${longest} from the start)` },
        ])
      const lang = office?.defaultLanguage ?? 'pl'
      const t = casesTexts(lang)
      const day = (date: string) =>
        new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(`${date}T12:00:00Z`),
        )
      const officeName = office?.name[lang] ?? ''
      const parties = stored.parties(seen.parties).map((p) => p.name)
      const pdf = await letterPdf({
        title: t('notice.title'),
        lang,
        paragraphs: [
          t('notice.sign', { sign: seen.sign }),
          t('notice.subject', { title: seen.title }),
          ...(parties.length ? [t('notice.to', { parties: parties.join(', ') })] : []),
          t('notice.body', { office: officeName, due: day(seen.dueOn) }),
          t('notice.reason', { reason: body.reason }),
          t('notice.newDue', { newDue: day(body.newDueOn) }),
          t('notice.rights'),
          t('notice.place', { office: officeName, today: day(today) }),
        ],
      })
      const blob = await ctx.files.blobs.put(pdf, { maxBytes: ctx.config.uploadMaxBytes, types: ['pdf'] })
      return inTransaction(ctx.db, async (trx) => {
        const { row } = await ctx.mustLoad(actor, caseId, caseRules.work, trx)
        if (row.version !== seen.version) throw versionMoved(row.version)
        const document = await documents.fileIn(
          trx,
          actor,
          row,
          {
            title: t('notice.document', { sign: row.sign }),
            kind: 'letter',
            form: 'born-digital',
            access: 'parties',
            ...(parties.length ? { recipient: parties.join(', ').slice(0, 300) } : {}),
            description: body.reason.slice(0, 2000),
          },
          { blob, name: `zawiadomienie-art-36-${row.sign.replace(/[^\w.-]+/g, '-')}.pdf`, reason: null },
          { language: lang, today },
        )
        const notice: DelayNoticeRow = {
          id: newId(),
          caseId: row.id,
          documentId: document.id,
          reason: body.reason,
          newDueOn: body.newDueOn,
          createdAt: ctx.clock.now().toISOString(),
          createdBy: actor.login,
          dispatchedOn: null,
          dispatchedBy: null,
        }
        await repo.insertDelayNotice(trx, notice)
        await ctx.recordAction(trx, actor, row, 'delay-notice', {
          noticeId: notice.id,
          documentId: document.id,
          reason: body.reason,
          newDueOn: body.newDueOn,
        })
        return toDto(notice)
      })
    },

    async delayNotices(actor: Actor, caseId: string): Promise<{ items: DelayNoticeDto[] }> {
      await ctx.mustLoad(actor, caseId, caseRules.read)
      return { items: (await repo.delayNoticesOf(ctx.db, caseId)).map(toDto) }
    },

    /**
     * Records that the notice has left for the parties: its new date becomes the case's due date
     * (with the suspended days so far already behind it), audited with the notice's reason.
     */
    async dispatchDelayNotice(
      actor: Actor,
      caseId: string,
      noticeId: string,
      body: DispatchNoticeBody,
    ): Promise<CaseDto> {
      const { row: seen } = await ctx.mustLoad(actor, caseId, caseRules.work)
      const { today } = await todayAt(seen)
      const dispatchedOn = body.dispatchedOn ?? today
      if (dispatchedOn > today) throw invalid([{ path: 'body.dispatchedOn', message: 'is in the future' }])
      const notice = await repo.findDelayNotice(ctx.db, caseId, noticeId)
      if (!notice) throw notFound('Notice')
      const due = await caseDue(
        { ...seen, noticeDueOn: notice.newDueOn, noticeSuspendedDays: seen.suspendedDays },
        dayOffAt(seen.officeId),
      )
      const updated = await inTransaction(ctx.db, async (trx) => {
        const { row } = await ctx.mustLoad(actor, caseId, caseRules.work, trx)
        if (row.version !== seen.version) throw versionMoved(row.version)
        if (!LATE_ABLE.includes(row.status))
          throw conflict('CASE_STATE', 'The case is answered', `Case ${row.sign} is ${row.status}.`)
        if (!(await repo.markNoticeDispatched(trx, noticeId, dispatchedOn, actor.login)))
          throw conflict('NOTICE_DISPATCHED', 'Already dispatched', 'This notice was dispatched before.')
        const next: CaseRow = {
          ...row,
          noticeDueOn: notice.newDueOn,
          noticeSuspendedDays: row.suspendedDays,
          ...due,
          version: row.version + 1,
          updatedAt: ctx.clock.now().toISOString(),
        }
        if (!(await repo.updateCase(trx, row.id, row.version, next))) throw versionMoved(row.version + 1)
        await ctx.recordAction(trx, actor, next, 'delay-notice-dispatch', {
          noticeId,
          dispatchedOn,
          dueOn: { from: row.dueOn, to: next.dueOn },
          dueReason: `KPA art. 36 notice: ${notice.reason}`,
        })
        return next
      })
      return ctx.toDto(actor, updated)
    },
  }
}
