import { nextInSequence } from '../../platform/counters.js'
import { type Db, inTransaction, isUniqueViolation, rethrowUnique } from '../../platform/db/index.js'
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { localDateOf } from '../../platform/timezone.js'
import { type Actor, allow } from '../identity/index.js'
import { formatCaseSign } from './case-sign.js'
import { caseDue, chooseTerm, NO_TERM } from './case-term.js'
import type { CasesContext } from './cases.context.js'
import { caseRules } from './cases.policy.js'
import * as repo from './cases.repository.js'
import type { CaseDto, OpenCaseBody, SubcaseBody } from './cases.schemas.js'
import type { CaseRow } from './cases.tables.js'

const signTaken = (sign: string) =>
  conflict(
    'CASE_SIGN_TAKEN',
    'This case sign exists',
    `${sign} is another case's sign (a unit code used twice?).`,
  )

/** A case ready to be written: its body, start date, term and due date, read before the transaction. */
export interface PreparedCase {
  body: OpenCaseBody
  startedOn: string
  choice: NonNullable<Awaited<ReturnType<typeof chooseTerm>>>
  due: Awaited<ReturnType<typeof caseDue>>
}

/** Opening cases and sub-cases: the class in force, the next number of the unit's register, one transaction. */
export function caseOpening(ctx: CasesContext) {
  /** Checks the incoming letters that start a case: letters of this office, not voided. */
  async function checkLetters(trx: Db, officeId: string, ids: readonly string[]) {
    for (const [i, id] of ids.entries()) {
      const letter = await ctx.ports.letter(trx, id)
      if (letter?.direction !== 'incoming' || letter.officeId !== officeId)
        throw invalid([
          { path: `body.incomingIds[${i}]`, message: 'is not an incoming letter of this office' },
        ])
      if (letter.status === 'voided')
        throw invalid([{ path: `body.incomingIds[${i}]`, message: `${letter.number} is void` }])
    }
  }

  /** What is read before a case's transaction: the office, the term and due date (the calendar reads through its own connection). */
  async function prepare(actor: Actor, body: OpenCaseBody): Promise<PreparedCase> {
    const office = await ctx.ports.office(body.officeId)
    if (!office) throw invalid([{ path: 'body.officeId', message: 'no such office' }])
    if (!allow(actor, caseRules.open, { officeId: body.officeId, unitId: body.unitId })) throw forbidden()
    const today = localDateOf(ctx.clock.now(), office.timezone)
    const startedOn = body.startedOn ?? today
    if (startedOn > today) throw invalid([{ path: 'body.startedOn', message: 'is in the future' }])
    const choice = (await chooseTerm(ctx, office.address.country, body)) ?? NO_TERM
    const due = await caseDue(
      { startedOn, term: choice.term, suspendedDays: 0, noticeDueOn: null, noticeSuspendedDays: 0 },
      (date) => ctx.ports.dayOff(body.officeId, date),
    )
    return { body, startedOn, choice, due }
  }

  /** Writes the prepared case in `trx` with the next number of its unit's register for its class. */
  async function write(
    trx: Db,
    actor: Actor,
    prepared: PreparedCase,
    key: string | undefined,
    attempted: { sign: string },
  ): Promise<CaseRow> {
    const { body, startedOn, choice, due } = prepared
    const year = Number(startedOn.slice(0, 4))
    const now = ctx.clock.now().toISOString()
    const unit = await ctx.ports.unit(trx, body.unitId)
    if (!unit || unit.officeId !== body.officeId)
      throw invalid([{ path: 'body.unitId', message: 'is not a unit of this office' }])
    const cls = await ctx.ports.classification.leafClass(
      trx,
      body.officeId,
      startedOn,
      body.symbol,
      'body.symbol',
    )
    if (body.assigneeId)
      await ctx.checkAssignee(trx, body.officeId, body.unitId, body.assigneeId, 'body.assigneeId')
    await checkLetters(trx, body.officeId, body.incomingIds ?? [])
    const seq = await nextInSequence(trx, `case:${body.officeId}:${body.unitId}:${cls.symbol}`, String(year))
    const sign = formatCaseSign(ctx.config.caseSign, {
      unit: unit.code,
      symbol: cls.symbol,
      n: String(seq),
      year,
    })
    attempted.sign = sign
    const row: CaseRow = {
      id: newId(),
      officeId: body.officeId,
      unitId: body.unitId,
      classificationId: cls.classificationId,
      symbol: cls.symbol,
      category: cls.category,
      year,
      seq,
      parentId: null,
      sign,
      title: body.title,
      status: body.assigneeId ? 'assigned' : 'registered',
      startedOn,
      closedOn: null,
      assigneeId: body.assigneeId ?? null,
      parties: JSON.stringify(body.parties ?? []),
      serviceId: body.serviceId ?? null,
      ...choice,
      ...due,
      suspendedOn: null,
      suspendedDays: 0,
      noticeDueOn: null,
      noticeSuspendedDays: 0,
      disposal: null,
      disposedOn: null,
      disposalReference: null,
      version: 1,
      createdAt: now,
      createdBy: actor.login,
      updatedAt: now,
      idempotencyKey: key ?? null,
    }
    await repo.insertCase(trx, row)
    await repo.linkLetters(trx, row.id, 'incoming', body.incomingIds ?? [], now, actor.login)
    await ctx.recordAction(trx, actor, row, 'open', {
      title: row.title,
      category: row.category,
      assigneeId: row.assigneeId,
      incomingIds: body.incomingIds ?? [],
      ...(row.term
        ? { term: row.term, termSource: row.termSource, termBasis: row.termBasis, dueOn: row.dueOn }
        : {}),
    })
    return row
  }

  return {
    /**
     * Opens a case in a leaf class of the classification in force on its start date, signed with the
     * next number of the unit's register for that class and year: taken in the transaction that
     * writes the case, so unique and gap-free however many officers open cases at once, and given
     * back when anything refuses the case.
     */
    async openCase(
      actor: Actor,
      body: OpenCaseBody,
      options: { idempotencyKey?: string | undefined } = {},
    ): Promise<CaseDto> {
      const key = options.idempotencyKey
      const prepared = await prepare(actor, body)
      const earlier = key ? await repo.findCaseByKey(ctx.db, actor.login, key) : undefined
      if (earlier) return ctx.toDto(actor, earlier)
      const attempted = { sign: '' }
      const row = await inTransaction(ctx.db, (trx) => write(trx, actor, prepared, key, attempted)).catch(
        async (error: unknown) => {
          if (!isUniqueViolation(error)) throw error
          // The same key sent twice at once: the second finds the first's case.
          const first = key ? await repo.findCaseByKey(ctx.db, actor.login, key) : undefined
          if (first) return first
          throw signTaken(attempted.sign)
        },
      )
      return ctx.toDto(actor, row)
    },

    /**
     * Opening a case in another module's transaction (an e-service's submission, which registers its
     * letter and issues its receipts in the same one): `prepareCase` reads what the case needs before
     * the transaction, `openPreparedCase` writes it in `trx`; a rollback gives its number back.
     */
    prepareCase: prepare,
    async openPreparedCase(trx: Db, actor: Actor, prepared: PreparedCase) {
      const attempted = { sign: '' }
      const row = await write(trx, actor, prepared, undefined, attempted).catch(
        rethrowUnique(() => signTaken(attempted.sign)),
      )
      return { id: row.id, sign: row.sign, dueOn: row.dueOn, startedOn: row.startedOn }
    },

    /** Opens a sub-case under a case: `OR.0152.77.3.2025` for the third under case 77. */
    async openSubcase(actor: Actor, parentId: string, body: SubcaseBody): Promise<CaseDto> {
      const now = ctx.clock.now().toISOString()
      const { row: seen } = await ctx.mustLoad(actor, parentId, caseRules.open)
      const office = await ctx.ports.office(seen.officeId)
      const today = office ? localDateOf(ctx.clock.now(), office.timezone) : now.slice(0, 10)
      const row = await inTransaction(ctx.db, async (trx) => {
        const { row: parent } = await ctx.mustLoad(actor, parentId, caseRules.open, trx)
        if (parent.status === 'closed')
          throw conflict('CASE_CLOSED', 'Case is closed', `Case ${parent.sign} is closed.`)
        if (parent.parentId)
          throw invalid([{ path: 'params.id', message: 'a sub-case takes no sub-cases of its own' }])
        const unit = await ctx.ports.unit(trx, parent.unitId)
        if (!unit) throw notFound('Unit')
        if (body.assigneeId)
          await ctx.checkAssignee(trx, parent.officeId, parent.unitId, body.assigneeId, 'body.assigneeId')
        const seq = await nextInSequence(trx, `subcase:${parent.id}`, 'all')
        const sign = formatCaseSign(ctx.config.caseSign, {
          unit: unit.code,
          symbol: parent.symbol,
          n: `${parent.seq}.${seq}`,
          year: parent.year,
        })
        const row: CaseRow = {
          ...parent,
          id: newId(),
          seq,
          parentId: parent.id,
          sign,
          title: body.title,
          status: body.assigneeId ? 'assigned' : 'registered',
          startedOn: today,
          closedOn: null,
          assigneeId: body.assigneeId ?? null,
          parties: JSON.stringify(body.parties ?? []),
          ...NO_TERM,
          serviceId: null,
          dueOn: null,
          dueSteps: null,
          suspendedOn: null,
          suspendedDays: 0,
          noticeDueOn: null,
          noticeSuspendedDays: 0,
          disposal: null,
          disposedOn: null,
          disposalReference: null,
          version: 1,
          createdAt: now,
          createdBy: actor.login,
          updatedAt: now,
          idempotencyKey: null,
        }
        await repo.insertCase(trx, row).catch(rethrowUnique(() => signTaken(sign)))
        await ctx.recordAction(trx, actor, row, 'open', { title: row.title, parent: parent.sign })
        return row
      })
      return ctx.toDto(actor, row)
    },
  }
}
