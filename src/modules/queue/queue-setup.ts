import { rethrowUnique } from '../../platform/db/index.js'
import { conflict, type FieldError, invalid, notFound } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { toJsonColumn } from '../../platform/json-column.js'
import { type Actor, assertAllowed } from '../identity/index.js'
import { deskNameTaken } from '../offices/index.js'
import { DEFAULT_POLICY, type QueueContext } from './queue.context.js'
import { queuePolicy } from './queue.policy.js'
import * as repo from './queue.repository.js'
import {
  BASE_PRIORITIES,
  type DeskBody,
  type DeskDto,
  type DeskQueuesBody,
  type PolicyBody,
  type PolicyDto,
  type QueueBody,
  type QueueDto,
} from './queue.schemas.js'
import { type QueueRow, stored } from './queue.tables.js'

const toQueueDto = (row: QueueRow): QueueDto => ({
  id: row.id,
  officeId: row.officeId,
  prefix: row.prefix,
  name: stored.queueName(row.name),
  serviceIds: stored.serviceIds(row.serviceIds),
})

/** Queues, the fairness policy and desks of an office: what a manager sets up. */
const queuePrefixTaken = () =>
  conflict('QUEUE_PREFIX_TAKEN', 'A queue with this prefix exists in this office')

export function queueSetup(ctx: QueueContext) {
  const { db, clock } = ctx

  /** Every queue id must be a queue of this office; errors name the offending item. */
  async function assertOwnQueues(
    trx: typeof db,
    officeId: string,
    queueIds: readonly string[],
    path: string,
  ) {
    const own = new Set((await repo.listQueues(trx, officeId)).map((q) => q.id))
    const errors: FieldError[] = queueIds.flatMap((id, i) =>
      own.has(id) ? [] : [{ path: `${path}[${i}]`, message: 'is not a queue of this office' }],
    )
    if (errors.length) throw invalid(errors)
  }

  /** Weights may only name queues the desk serves. */
  function assertWeightsOf(queueIds: readonly string[], weights: Readonly<Record<string, number>> = {}) {
    const errors: FieldError[] = Object.keys(weights).flatMap((id) =>
      queueIds.includes(id) ? [] : [{ path: `body.weights.${id}`, message: 'is not one of queueIds' }],
    )
    if (errors.length) throw invalid(errors)
  }

  async function deskDtos(trx: typeof db, officeId: string): Promise<DeskDto[]> {
    return (await repo.listDesks(trx, await ctx.offices.desks(trx, officeId))).map((d) => ({
      id: d.id,
      officeId: d.officeId,
      name: d.name,
      queueIds: d.queueIds,
      weights: d.weights,
      open: d.clerkLogin !== null && d.clerkLogin !== undefined,
      clerk: d.clerkLogin ?? null,
      currentTicketId: d.currentTicketId ?? null,
    }))
  }

  return {
    async createQueue(actor: Actor, officeId: string, body: QueueBody): Promise<QueueDto> {
      assertAllowed(actor, queuePolicy.manage, officeId)
      await ctx.zoneOf(officeId)
      const row: QueueRow = {
        id: newId(),
        officeId,
        prefix: body.prefix,
        name: toJsonColumn(body.name),
        serviceIds: toJsonColumn(body.serviceIds ?? []),
        createdAt: clock.now().toISOString(),
      }
      await db
        .transaction()
        .execute(async (trx) => {
          if ((await repo.listQueues(trx, officeId)).some((q) => q.prefix === body.prefix))
            throw queuePrefixTaken()
          await repo.insertQueue(trx, row)
          // Every office with a queue has a policy row (the defaults until a manager sets one).
          if (!(await repo.findPolicy(trx, officeId)))
            await repo.savePolicy(trx, {
              officeId,
              ...DEFAULT_POLICY,
              priorities: toJsonColumn(DEFAULT_POLICY.priorities),
              updatedAt: row.createdAt,
            })
          await ctx.record(trx, actor, 'queue.create', officeId, 'queue', row.id, { prefix: body.prefix })
        })
        .catch(rethrowUnique(queuePrefixTaken))
      ctx.settingsChanged()
      await ctx.changed(officeId)
      return toQueueDto(row)
    },

    /** Whether a queue belongs to an office (queues are never removed, so the answer holds). */
    async isQueueOf(officeId: string, queueId: string): Promise<boolean> {
      return (await ctx.queue(db, queueId))?.officeId === officeId
    },

    async listQueues(officeId: string): Promise<QueueDto[]> {
      await ctx.zoneOf(officeId)
      return (await repo.listQueues(db, officeId)).map(toQueueDto)
    },

    async getPolicy(actor: Actor, officeId: string): Promise<PolicyDto> {
      assertAllowed(actor, queuePolicy.read, officeId)
      await ctx.zoneOf(officeId)
      return ctx.policyOf(db, officeId)
    },

    async putPolicy(actor: Actor, officeId: string, body: PolicyBody): Promise<PolicyDto> {
      assertAllowed(actor, queuePolicy.manage, officeId)
      await ctx.zoneOf(officeId)
      const priorities = body.priorities ?? [...BASE_PRIORITIES]
      const missing = BASE_PRIORITIES.filter((p) => !priorities.includes(p))
      if (missing.length)
        throw invalid([{ path: 'body.priorities', message: `must include ${missing.join(', ')}` }])
      ctx.settingsChanged()
      return db
        .transaction()
        .execute(async (trx) => {
          const before = await ctx.loadPolicy(trx, officeId)
          const after: PolicyDto = {
            officeId,
            maxPriorityInRow: body.maxPriorityInRow,
            maxWaitMinutes: body.maxWaitMinutes,
            priorities: [...new Set(priorities)],
            reactivateWithinMinutes: body.reactivateWithinMinutes ?? before.reactivateWithinMinutes,
          }
          await repo.savePolicy(trx, {
            ...after,
            priorities: toJsonColumn(after.priorities),
            updatedAt: clock.now().toISOString(),
          })
          await ctx.record(trx, actor, 'queue.policy', officeId, 'office', officeId, { before, after })
          return after
        })
        .finally(() => ctx.settingsChanged())
    },

    async listDesks(actor: Actor, officeId: string): Promise<DeskDto[]> {
      assertAllowed(actor, queuePolicy.read, officeId)
      await ctx.zoneOf(officeId)
      return deskDtos(db, officeId)
    },

    async createDesk(actor: Actor, officeId: string, body: DeskBody): Promise<DeskDto> {
      assertAllowed(actor, queuePolicy.manage, officeId)
      await ctx.zoneOf(officeId)
      assertWeightsOf(body.queueIds ?? [], body.weights)
      const id = await db
        .transaction()
        .execute(async (trx) => {
          await assertOwnQueues(trx, officeId, body.queueIds ?? [], 'body.queueIds')
          const desk = await ctx.offices.createDesk(actor, officeId, body.name, trx)
          await ctx.saveDeskQueues(trx, desk.id, body.queueIds ?? [], body.weights)
          return desk.id
        })
        .catch(rethrowUnique(deskNameTaken))
      ctx.settingsChanged()
      return (await deskDtos(db, officeId)).find((d) => d.id === id)!
    },

    async setDeskQueues(actor: Actor, deskId: string, body: DeskQueuesBody): Promise<DeskDto> {
      const { queueIds, weights } = body
      const desk = await ctx.offices.desk(db, deskId)
      if (!desk) throw notFound('Desk')
      assertAllowed(actor, queuePolicy.manage, desk.officeId)
      assertWeightsOf(queueIds, weights)
      await db.transaction().execute(async (trx) => {
        await assertOwnQueues(trx, desk.officeId, queueIds, 'body.queueIds')
        await ctx.saveDeskQueues(trx, deskId, queueIds, weights)
        await ctx.record(trx, actor, 'desk.queues', desk.officeId, 'desk', deskId, {
          queueIds,
          weights: weights ?? {},
        })
      })
      ctx.settingsChanged()
      return (await deskDtos(db, desk.officeId)).find((d) => d.id === deskId)!
    },

    /** The clerk sits down at a desk. One clerk per desk, one desk per clerk. */
    async openDesk(actor: Actor, deskId: string): Promise<DeskDto> {
      const desk = await ctx.offices.desk(db, deskId)
      if (!desk) throw notFound('Desk')
      assertAllowed(actor, queuePolicy.work, desk.officeId)
      await db.transaction().execute(async (trx) => {
        const state = await repo.findDeskState(trx, deskId)
        if (state?.clerkId === actor.id) return
        if (state?.clerkId)
          throw conflict('DESK_TAKEN', 'Someone works at this desk', `${state.clerkLogin} opened it.`)
        const elsewhere = await repo.deskOfClerk(trx, actor.id)
        if (elsewhere) {
          const other = await ctx.offices.desk(trx, elsewhere.deskId)
          throw conflict('CLERK_AT_ANOTHER_DESK', 'You work at another desk', `Close ${other?.name} first.`)
        }
        await repo.saveDeskState(trx, {
          deskId,
          officeId: desk.officeId,
          clerkId: actor.id,
          clerkLogin: actor.login,
          openedAt: clock.now().toISOString(),
          currentTicketId: null,
          priorityStreak: 0,
        })
        await ctx.record(trx, actor, 'desk.open', desk.officeId, 'desk', deskId, {})
      })
      ctx.settingsChanged()
      await ctx.changed(desk.officeId)
      return (await deskDtos(db, desk.officeId)).find((d) => d.id === deskId)!
    },

    /** The clerk leaves. A ticket still in front of them must be finished, parked or transferred first. */
    async closeDesk(actor: Actor, deskId: string): Promise<DeskDto> {
      const desk = await ctx.offices.desk(db, deskId)
      if (!desk) throw notFound('Desk')
      assertAllowed(actor, queuePolicy.work, desk.officeId)
      await db.transaction().execute(async (trx) => {
        const state = await repo.findDeskState(trx, deskId)
        if (!state?.clerkId) throw conflict('DESK_NOT_OPEN', 'The desk is not open')
        if (state.clerkId !== actor.id)
          throw conflict(
            'DESK_NOT_YOURS',
            'Another clerk works at this desk',
            `${state.clerkLogin} opened it.`,
          )
        if (state.currentTicketId)
          throw conflict('DESK_BUSY', 'A ticket is still at this desk', 'Finish, park or transfer it first.')
        await repo.saveDeskState(trx, {
          ...state,
          clerkId: null,
          clerkLogin: null,
          openedAt: null,
          priorityStreak: 0,
        })
        await ctx.record(trx, actor, 'desk.close', desk.officeId, 'desk', deskId, {})
      })
      ctx.settingsChanged()
      await ctx.changed(desk.officeId)
      return (await deskDtos(db, desk.officeId)).find((d) => d.id === deskId)!
    },
  }
}
