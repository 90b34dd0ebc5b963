import { inTransaction } from '../../platform/db/index.js'
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js'
import { localDateOf } from '../../platform/timezone.js'
import { daysBetween } from '../deadlines/index.js'
import { type Actor, allow } from '../identity/index.js'
import { caseDue, chooseTerm, NO_TERM, type TermRequest } from './case-term.js'
import { type CaseAction, caseTransition } from './case-transitions.js'
import { type CasesContext, versionMoved } from './cases.context.js'
import { caseRules, STEP_RULES } from './cases.policy.js'
import * as repo from './cases.repository.js'
import type { CaseDto, Party, StepBody } from './cases.schemas.js'
import type { CaseRow } from './cases.tables.js'

/** A case's steps and edits: each checked against the transition table and the rules, audited, one transaction. */
export function caseWorkflow(ctx: CasesContext) {
  const dayOffAt = (officeId: string) => (date: string) => ctx.ports.dayOff(officeId, date)

  /**
   * What a resumption does to the clock (KPA art. 35 §5): the days since the suspension began are
   * added to the suspended days and the due date is counted again. Counted before the transaction
   * from the case as read (the calendar reads through its own connection); the transaction checks
   * that the case has not moved since.
   */
  async function resumed(row: CaseRow, today: string) {
    const days = row.suspendedOn ? Math.max(0, daysBetween(row.suspendedOn, today)) : 0
    const suspendedDays = row.suspendedDays + days
    const due = await caseDue({ ...row, suspendedDays }, dayOffAt(row.officeId))
    return { days, suspendedDays, ...due }
  }

  /** A case's new term and due date; `term: null` alone takes its term away. */
  async function reterm(row: CaseRow, patch: TermRequest) {
    const office = await ctx.ports.office(row.officeId)
    const cleared = patch.term === null && !patch.statutoryTerm && !patch.serviceId
    const choice = cleared ? NO_TERM : await chooseTerm(ctx, office?.address.country ?? 'PL', patch)
    if (!choice) throw invalid([{ path: 'body.term', message: 'give a term, a statutory term or a service' }])
    const due = await caseDue({ ...row, term: choice.term }, dayOffAt(row.officeId))
    return { ...choice, ...(patch.serviceId ? { serviceId: patch.serviceId } : {}), ...due }
  }

  return {
    /** Takes one step of the workflow (`assign`, `start`, … `reopen`); 409 when the case's state does not allow it. */
    async step(
      actor: Actor,
      id: string,
      action: CaseAction,
      body: StepBody,
      ifMatch?: number,
    ): Promise<CaseDto> {
      const { row: seen } = await ctx.mustLoad(actor, id, caseRules.read)
      const office = await ctx.ports.office(seen.officeId)
      const today = office
        ? localDateOf(ctx.clock.now(), office.timezone)
        : ctx.clock.now().toISOString().slice(0, 10)
      const resumption =
        action === 'resume' && seen.status === 'suspended' ? await resumed(seen, today) : null
      const updated = await inTransaction(ctx.db, async (trx) => {
        const { row, record } = await ctx.mustLoad(actor, id, caseRules.read, trx)
        if (!allow(actor, STEP_RULES[action], record)) throw forbidden()
        if (ifMatch !== undefined && ifMatch !== row.version) throw versionMoved(row.version)
        if (row.disposal)
          throw conflict('CASE_DISPOSED', 'The case left the office', `Case ${row.sign} was ${row.disposal}.`)
        const status = caseTransition(row, action)
        if (resumption && row.version !== seen.version) throw versionMoved(row.version)
        if ((action === 'suspend' || action === 'return' || action === 'reopen') && !body.reason)
          throw invalid([{ path: 'body.reason', message: `a reason is required to ${action}` }])
        if (action === 'assign') {
          if (!body.assigneeId)
            throw invalid([{ path: 'body.assigneeId', message: 'whom to assign the case to' }])
          await ctx.checkAssignee(trx, row.officeId, row.unitId, body.assigneeId, 'body.assigneeId')
        }
        const next: CaseRow = {
          ...row,
          status,
          assigneeId: action === 'assign' ? (body.assigneeId ?? null) : row.assigneeId,
          closedOn: action === 'close' ? today : action === 'reopen' ? null : row.closedOn,
          ...(action === 'suspend' ? { suspendedOn: today } : {}),
          ...(resumption
            ? {
                suspendedOn: null,
                suspendedDays: resumption.suspendedDays,
                dueOn: resumption.dueOn,
                dueSteps: resumption.dueSteps,
              }
            : {}),
          version: row.version + 1,
          updatedAt: ctx.clock.now().toISOString(),
        }
        if (!(await repo.updateCase(trx, row.id, row.version, next))) throw versionMoved(row.version + 1)
        await ctx.recordAction(trx, actor, next, action, {
          from: row.status,
          to: status,
          ...(body.reason ? { reason: body.reason } : {}),
          ...(action === 'assign' ? { assigneeId: next.assigneeId, previousAssigneeId: row.assigneeId } : {}),
          ...(action === 'suspend' && row.dueOn ? { clockStoppedOn: today } : {}),
          ...(resumption && row.dueOn !== next.dueOn
            ? {
                dueOn: { from: row.dueOn, to: next.dueOn },
                dueReason: `suspended ${resumption.days} days (KPA art. 35 §5)`,
              }
            : {}),
        })
        return next
      })
      return ctx.toDto(actor, updated)
    },

    /**
     * Corrects the title or parties of an open case, or changes its term (from a card, a statutory
     * term, or by hand with a reason): the due date is counted again and its change audited with the
     * reason. A closed case refuses edits (409).
     */
    async edit(
      actor: Actor,
      id: string,
      patch: { title?: string | undefined; parties?: Party[] | undefined } & TermRequest,
      ifMatch?: number,
    ): Promise<CaseDto> {
      const { row: seen } = await ctx.mustLoad(actor, id, caseRules.edit)
      const termAsked = 'term' in patch || 'statutoryTerm' in patch || 'serviceId' in patch
      const retermed = termAsked ? await reterm(seen, patch) : null
      const updated = await inTransaction(ctx.db, async (trx) => {
        const { row } = await ctx.mustLoad(actor, id, caseRules.edit, trx)
        if (row.status === 'closed')
          throw conflict('CASE_CLOSED', 'Case is closed', `Case ${row.sign} is closed: reopen it first.`)
        if (ifMatch !== undefined && ifMatch !== row.version) throw versionMoved(row.version)
        if (retermed && row.version !== seen.version) throw versionMoved(row.version)
        const next: CaseRow = {
          ...row,
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.parties !== undefined ? { parties: JSON.stringify(patch.parties) } : {}),
          ...(retermed ?? {}),
          version: row.version + 1,
          updatedAt: ctx.clock.now().toISOString(),
        }
        if (!(await repo.updateCase(trx, row.id, row.version, next))) throw versionMoved(row.version + 1)
        await ctx.recordAction(trx, actor, next, 'edit', {
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.parties !== undefined ? { parties: patch.parties } : {}),
          ...(retermed
            ? {
                term: { from: row.term, to: next.term },
                termSource: next.termSource,
                termBasis: next.termBasis,
                ...(row.dueOn !== next.dueOn ? { dueOn: { from: row.dueOn, to: next.dueOn } } : {}),
                dueReason: next.termSource === 'manual' ? next.termBasis : `term ${next.termBasis}`,
              }
            : {}),
        })
        return next
      })
      return ctx.toDto(actor, updated)
    },

    /** Who was given access to the case by name (besides its unit's staff and assignee). */
    async accessList(actor: Actor, id: string): Promise<{ userIds: string[] }> {
      const { record } = await ctx.mustLoad(actor, id, caseRules.read)
      return { userIds: [...(record.sharedWith ?? [])] }
    },

    /**
     * Gives one person access to the case (a lawyer of the office, an officer of another unit who
     * helps), or takes it back: the head of the unit or above; audited.
     */
    async share(actor: Actor, id: string, userId: string, grant: boolean): Promise<{ userIds: string[] }> {
      await inTransaction(ctx.db, async (trx) => {
        const { row } = await ctx.mustLoad(actor, id, caseRules.head, trx)
        if (grant) {
          if (!(await ctx.ports.grantsOf(trx, userId)))
            throw invalid([{ path: 'body.userId', message: 'no such active user' }])
          await repo.grantAccess(trx, {
            caseId: row.id,
            userId,
            grantedAt: ctx.clock.now().toISOString(),
            grantedBy: actor.login,
          })
        } else if ((await repo.revokeAccess(trx, row.id, userId)) === 0) throw notFound('Access')
        await ctx.recordAction(trx, actor, row, grant ? 'share' : 'unshare', { userId })
      })
      return { userIds: await repo.accessOf(ctx.db, id) }
    },
  }
}
