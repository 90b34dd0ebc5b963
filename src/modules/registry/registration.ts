import { nextInSequence, periodOf } from '../../platform/counters.js'
import { type Db, inTransaction, isUniqueViolation } from '../../platform/db/index.js'
import { forbidden, invalid, notFound } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { type Actor, allow } from '../identity/index.js'
import { CHECK_SIGNATURES_JOB, SIGNABLE } from './register-files.js'
import { formatRegisterNumber } from './register-number.js'
import type { EntryDto, RegistryContext } from './registry.context.js'
import { registryRules } from './registry.policy.js'
import * as repo from './registry.repository.js'
import type { Direction, IncomingBody, OutgoingBody } from './registry.schemas.js'
import type { EntryRow } from './registry.tables.js'

type Fields = Omit<
  EntryRow,
  | 'id'
  | 'officeId'
  | 'direction'
  | 'year'
  | 'seq'
  | 'number'
  | 'status'
  | 'version'
  | 'registeredAt'
  | 'registeredBy'
  | 'updatedAt'
  | 'idempotencyKey'
>

/** What numbering needs of the office: its code and the time zone that says which year it is. */
export interface RegisteringOffice {
  id: string
  code: string
  timezone: string
}

/** Registering letters: the next number of the office's register for the year, in one transaction. */
export function registration(ctx: RegistryContext) {
  /**
   * Writes the entry with the next number of its register. The number is taken inside the
   * transaction that writes the entry: a refused or failed registration gives it back, so the
   * register stays gap-free; the same `idempotencyKey` gives back the entry registered the first
   * time (a form sent twice does not take two numbers).
   */
  /** The entry written with the next number of its register, inside `trx`; its version recorded. */
  async function write(
    trx: Db,
    actor: Actor,
    office: RegisteringOffice,
    direction: Direction,
    at: Date,
    fields: Fields,
    idempotencyKey: string | undefined,
  ): Promise<EntryRow> {
    const year = Number(periodOf(at, office.timezone, 'year'))
    const now = ctx.clock.now().toISOString()
    const seq = await nextInSequence(trx, `${direction}:${office.id}`, String(year))
    const row: EntryRow = {
      ...fields,
      id: newId(),
      officeId: office.id,
      direction,
      year,
      seq,
      number: formatRegisterNumber(ctx.config.registerNumbers[direction], {
        n: seq,
        year,
        officeCode: office.code,
      }),
      status: fields.unitId && direction === 'incoming' ? 'assigned' : 'registered',
      idempotencyKey: idempotencyKey ?? null,
      version: 1,
      registeredAt: now,
      registeredBy: actor.login,
      updatedAt: now,
    }
    await repo.insertEntry(trx, row)
    await ctx.recordVersion(trx, actor, row, 'register', {
      title: row.title,
      unitId: row.unitId,
      assigneeId: row.assigneeId,
    })
    return row
  }

  /**
   * Writes the entry with the next number of its register. The number is taken inside the
   * transaction that writes the entry: a refused or failed registration gives it back, so the
   * register stays gap-free; the same `idempotencyKey` gives back the entry registered the first
   * time (a form sent twice does not take two numbers).
   */
  async function register(
    actor: Actor,
    officeId: string,
    direction: Direction,
    at: Date,
    fields: Fields,
    idempotencyKey: string | undefined,
    check: (trx: Db) => Promise<void>,
  ): Promise<EntryDto> {
    const office = await ctx.ports.office(officeId)
    if (!office) throw notFound('Office')
    if (idempotencyKey) {
      const earlier = await repo.findEntryByKey(ctx.db, officeId, direction, idempotencyKey)
      if (earlier) return ctx.toDto(earlier, await repo.filesOf(ctx.db, [earlier.id]))
    }
    try {
      const row = await inTransaction(ctx.db, async (trx) => {
        await check(trx)
        return write(trx, actor, office, direction, at, fields, idempotencyKey)
      })
      return ctx.toDto(row, [])
    } catch (error) {
      // Two requests with one key at once: the second finds the first's entry.
      if (idempotencyKey && isUniqueViolation(error)) {
        const earlier = await repo.findEntryByKey(ctx.db, officeId, direction, idempotencyKey)
        if (earlier) return ctx.toDto(earlier, await repo.filesOf(ctx.db, [earlier.id]))
      }
      throw error
    }
  }

  /** The fields of an incoming letter as its body gives them. */
  function incomingFields(body: IncomingBody, receivedAt: Date): Fields {
    return {
      title: body.title,
      party: ctx.correspondentJson(body.sender),
      letterDate: body.letterDate ?? null,
      reference: body.senderReference ?? null,
      attachments: body.attachments ?? 0,
      notes: body.notes ?? null,
      channel: body.channel,
      receivedAt: receivedAt.toISOString(),
      method: null,
      trackingNumber: null,
      dispatchedAt: null,
      deliveredOn: null,
      deliveryFileId: null,
      unitId: body.assignee?.unitId ?? null,
      assigneeId: body.assignee?.userId ?? null,
      voidReason: null,
    }
  }

  return {
    /** Registers a letter that arrived: `RPW/<n>/<yyyy>`, the year of its office-local receipt date. */
    async registerIncoming(
      actor: Actor,
      officeId: string,
      body: IncomingBody,
      options: { idempotencyKey?: string | undefined } = {},
    ): Promise<EntryDto> {
      if (!allow(actor, registryRules.registerIncoming, { officeId })) throw forbidden()
      const receivedAt = new Date(body.receivedAt)
      if (receivedAt.getTime() > ctx.clock.now().getTime() + 5 * 60_000)
        throw invalid([{ path: 'body.receivedAt', message: 'is in the future' }])
      return register(
        actor,
        officeId,
        'incoming',
        receivedAt,
        incomingFields(body, receivedAt),
        options.idempotencyKey,
        async (trx) => {
          const assignee = body.assignee
          if (assignee)
            await ctx.checkAssignee(trx, officeId, assignee.unitId, assignee.userId, 'body.assignee')
        },
      )
    },

    /**
     * Registers a letter that arrives by an e-service inside the caller's transaction `trx` (the
     * submission that also opens its case and issues its receipts), with its files, already in the
     * blob store, attached. The office is read by the caller before the transaction; a rollback of
     * the caller's transaction gives the number back.
     */
    async registerIncomingIn(
      trx: Db,
      actor: Actor,
      office: RegisteringOffice,
      body: IncomingBody,
      files: readonly { sha256: string; name: string; type: string; size: number }[],
    ): Promise<{ id: string; number: string; registeredAt: string }> {
      if (!allow(actor, registryRules.registerIncoming, { officeId: office.id })) throw forbidden()
      const receivedAt = new Date(body.receivedAt)
      if (body.assignee)
        await ctx.checkAssignee(trx, office.id, body.assignee.unitId, body.assignee.userId, 'body.assignee')
      const row = await write(
        trx,
        actor,
        office,
        'incoming',
        receivedAt,
        incomingFields(body, receivedAt),
        undefined,
      )
      for (const file of files) {
        const fileId = newId()
        await repo.insertFile(trx, {
          id: fileId,
          entryId: row.id,
          sha256: file.sha256,
          name: file.name,
          type: file.type,
          size: file.size,
          uploadedAt: row.registeredAt,
          uploadedBy: actor.login,
          signatures: null,
        })
        if (SIGNABLE.has(file.type))
          await ctx.jobs.enqueue(
            trx,
            CHECK_SIGNATURES_JOB,
            { fileId },
            { key: `${CHECK_SIGNATURES_JOB}:${fileId}`, maxAttempts: 3 },
          )
      }
      return { id: row.id, number: row.number, registeredAt: row.registeredAt }
    },

    /** Registers a letter the office sends: `<n>/<yyyy>` (the network's template), this year. */
    async registerOutgoing(
      actor: Actor,
      officeId: string,
      body: OutgoingBody,
      options: { idempotencyKey?: string | undefined } = {},
    ): Promise<EntryDto> {
      const unitId = body.unitId ?? null
      if (!allow(actor, registryRules.writeOutgoing, { officeId, unitId })) throw forbidden()
      return register(
        actor,
        officeId,
        'outgoing',
        ctx.clock.now(),
        {
          title: body.title,
          party: ctx.correspondentJson(body.recipient),
          letterDate: body.letterDate ?? null,
          reference: body.reference ?? null,
          attachments: body.attachments ?? 0,
          notes: body.notes ?? null,
          channel: null,
          receivedAt: null,
          method: body.method,
          trackingNumber: null,
          dispatchedAt: null,
          deliveredOn: null,
          deliveryFileId: null,
          unitId,
          assigneeId: null,
          voidReason: null,
        },
        options.idempotencyKey,
        async (trx) => {
          if (unitId) await ctx.checkAssignee(trx, officeId, unitId, null, 'body')
        },
      )
    },
  }
}
