import { inTransaction } from '../../platform/db/index.js'
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js'
import { localDateOf } from '../../platform/timezone.js'
import { type Actor, allow } from '../identity/index.js'
import { type CaseAction, caseTransition } from './case-transitions.js'
import { type CasesContext, versionMoved } from './cases.context.js'
import { caseRules, STEP_RULES } from './cases.policy.js'
import * as repo from './cases.repository.js'
import type { CaseDto, Party, StepBody } from './cases.schemas.js'
import type { CaseRow } from './cases.tables.js'

/** A case's steps and edits: each checked against the transition table and the rules, audited, one transaction. */
export function caseWorkflow(ctx: CasesContext) {
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
      const updated = await inTransaction(ctx.db, async (trx) => {
        const { row, record } = await ctx.mustLoad(actor, id, caseRules.read, trx)
        if (!allow(actor, STEP_RULES[action], record)) throw forbidden()
        if (ifMatch !== undefined && ifMatch !== row.version) throw versionMoved(row.version)
        const status = caseTransition(row, action)
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
          version: row.version + 1,
          updatedAt: ctx.clock.now().toISOString(),
        }
        if (!(await repo.updateCase(trx, row.id, row.version, next))) throw versionMoved(row.version + 1)
        await ctx.recordAction(trx, actor, next, action, {
          from: row.status,
          to: status,
          ...(body.reason ? { reason: body.reason } : {}),
          ...(action === 'assign' ? { assigneeId: next.assigneeId, previousAssigneeId: row.assigneeId } : {}),
        })
        return next
      })
      return ctx.toDto(actor, updated)
    },

    /** Corrects the title, parties or term of an open case; a closed case refuses edits (409). */
    async edit(
      actor: Actor,
      id: string,
      patch: { title?: string | undefined; parties?: Party[] | undefined; term?: number | null | undefined },
      ifMatch?: number,
    ): Promise<CaseDto> {
      const updated = await inTransaction(ctx.db, async (trx) => {
        const { row } = await ctx.mustLoad(actor, id, caseRules.edit, trx)
        if (row.status === 'closed')
          throw conflict('CASE_CLOSED', 'Case is closed', `Case ${row.sign} is closed: reopen it first.`)
        if (ifMatch !== undefined && ifMatch !== row.version) throw versionMoved(row.version)
        const next: CaseRow = {
          ...row,
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.parties !== undefined ? { parties: JSON.stringify(patch.parties) } : {}),
          ...(patch.term !== undefined ? { termDays: patch.term } : {}),
          version: row.version + 1,
          updatedAt: ctx.clock.now().toISOString(),
        }
        if (!(await repo.updateCase(trx, row.id, row.version, next))) throw versionMoved(row.version + 1)
        await ctx.recordAction(trx, actor, next, 'edit', patch)
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
