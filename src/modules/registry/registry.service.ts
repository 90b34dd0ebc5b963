import type { AuditTrail } from '../../platform/audit-trail.js'
import type { BlobStore } from '../../platform/blobs.js'
import type { Clock } from '../../platform/clock.js'
import type { Config } from '../../platform/config.js'
import type { Db } from '../../platform/db/index.js'
import { forbidden, invalid, notFound } from '../../platform/errors.js'
import { decodeCursor, page } from '../../platform/http/cursor.js'
import type { JobStore } from '../../platform/jobs/index.js'
import { queryTerms } from '../../platform/search/fold.js'
import { newestVisible, type SearchIndex } from '../../platform/search/search-index.js'
import { localDateOf } from '../../platform/timezone.js'
import { type Actor, allow, reachOf, unitsVisibleTo } from '../identity/index.js'
import { registerFiles } from './register-files.js'
import { parseRegisterNumber } from './register-number.js'
import { registerPrint } from './register-print.js'
import { registration } from './registration.js'
import { type EntryDto, type RegistryPorts, registryContext } from './registry.context.js'
import { REGISTER_KEEPERS, registryRules, UNIT_STAFF } from './registry.policy.js'
import * as repo from './registry.repository.js'
import type {
  AssignBody,
  DeliveredBody,
  Direction,
  DispatchBody,
  IncomingPatch,
  ListQuery,
  OutgoingPatch,
} from './registry.schemas.js'
import { type EntryRow, stored } from './registry.tables.js'

export type RegistryService = ReturnType<typeof createRegistryService>

/**
 * The chancellery's correspondence registers: incoming (RPW) and outgoing letters per office and
 * year, gap-free and never renumbered, with versions, assignment, dispatch and delivery, scans, and
 * the printed register.
 */
export function createRegistryService(
  database: Db,
  clock: Clock,
  audit: AuditTrail,
  blobs: BlobStore,
  jobs: JobStore,
  search: SearchIndex,
  config: Pick<Config, 'uploadMaxBytes' | 'uploadTypes' | 'registerNumbers'>,
  ports: RegistryPorts,
) {
  const ctx = registryContext(database, clock, audit, blobs, jobs, search, config, ports)
  const rulesFor = (direction: Direction) =>
    direction === 'incoming' ? registryRules.editIncoming : registryRules.writeOutgoing

  return {
    ...registration(ctx),
    ...registerFiles(ctx),
    ...registerPrint(ctx),

    /** Of these stored files, those the registers hold (so that destroying a case's copy keeps them). */
    async filesHeld(sha256s: readonly string[]): Promise<Set<string>> {
      return repo.filesHeld(ctx.db, sha256s)
    },

    /** A letter as another module's use case needs it (a case it starts), read through `uow`; no actor. */
    async letterIn(uow: Db, id: string) {
      const row = await repo.findEntry(uow, id)
      if (!row) return undefined
      const party = stored.party(row.party)
      return {
        id: row.id,
        officeId: row.officeId,
        direction: row.direction,
        status: row.status,
        number: row.number,
        party: party.name,
        receivedAt: row.receivedAt,
        letterDate: row.letterDate,
        reference: row.reference,
      }
    },

    async get(actor: Actor, direction: Direction, id: string): Promise<EntryDto> {
      const row = await ctx.mustLoad(actor, direction, id, registryRules.read)
      return ctx.toDto(row, await repo.filesOf(ctx.db, [row.id]))
    },

    /** Letters of a register whose words match `q`, newest first, of those the actor may read. */
    async search(actor: Actor, direction: Direction, q: string, officeId: string | undefined, limit: number) {
      const terms = queryTerms(q)
      if (terms.length === 0) return []
      const reach = { ...reachOf(actor, [...REGISTER_KEEPERS, ...UNIT_STAFF]), viewerId: actor.id }
      const rows = await newestVisible(
        search,
        ctx.db,
        direction,
        terms,
        limit,
        (ids) => repo.searchEntries(ctx.db, direction, ids, reach, officeId),
        (r) => r.id,
      )
      return rows.map((r) => ctx.toDto(r, []))
    },

    /** The names of an office's latest correspondents, for the chancellery's suggestions (keepers only). */
    async recentCorrespondents(actor: Actor, officeId: string, direction: Direction): Promise<string[]> {
      if (!allow(actor, registryRules.keep, { officeId })) throw forbidden()
      const parties = await repo.recentParties(ctx.db, officeId, direction, 500)
      const names = parties.map((p) => stored.party(p).name).filter((n): n is string => !!n)
      return [...new Set(names)].slice(0, 200)
    },

    /** Every state the entry has had, oldest first, with who changed it and when. */
    async versions(actor: Actor, direction: Direction, id: string) {
      await ctx.mustLoad(actor, direction, id, registryRules.read)
      const rows = await repo.versionsOf(ctx.db, id)
      return {
        items: rows.map((v) => ({
          version: v.version,
          action: v.action,
          changedAt: v.changedAt,
          changedBy: v.changedBy,
          state: JSON.parse(v.state) as Record<string, unknown>,
        })),
      }
    },

    /**
     * A year's register of an office, newest first: the whole of it for the chancellery, managers and
     * office-wide staff; for a unit's staff their units' entries and what is assigned to them.
     */
    async list(actor: Actor, officeId: string, direction: Direction, query: ListQuery) {
      const keeper = allow(actor, registryRules.keep, { officeId })
      const units = keeper ? 'office' : unitsVisibleTo(actor, UNIT_STAFF, officeId)
      if (!keeper && units !== 'office' && units.length === 0) throw forbidden()
      const office = await ports.office(officeId)
      if (!office) throw notFound('Office')
      // A search for a number finds that entry, in its year.
      const numbered = query.q
        ? parseRegisterNumber(config.registerNumbers[direction], query.q, office.code)
        : null
      const year =
        numbered?.year ?? query.year ?? Number(localDateOf(clock.now(), office.timezone).slice(0, 4))
      const limit = query.limit ?? 50
      const cursor = decodeCursor(query.cursor, 1)
      let registered: { from: string; to: string } | undefined
      if (query.on) registered = ctx.periodBounds(query.on, office.timezone)
      const terms = query.q && !numbered ? queryTerms(query.q) : []
      const rows = await repo.listEntries(
        ctx.db,
        {
          officeId,
          direction,
          year,
          units: units === 'office' ? null : units,
          viewerId: actor.id,
          status: query.status,
          unitId: query.unitId,
          assigneeId: query.assignedTo === 'me' ? actor.id : undefined,
          registered,
          seq: numbered?.seq,
          beforeSeq: cursor ? Number(cursor[0]) : undefined,
          limit: limit + 1,
        },
        terms.length > 0
          ? // biome-ignore lint/suspicious/noExplicitAny: the search port's subquery is of its own tables.
            (q) => q.where('id', 'in', search.matching(ctx.db, direction, terms) as any)
          : undefined,
      )
      const files = await repo.filesOf(
        ctx.db,
        rows.slice(0, limit).map((r) => r.id),
      )
      const cut = page(rows, limit, (r: EntryRow) => [r.seq])
      return { items: cut.items.map((r) => ctx.toDto(r, files)), nextCursor: cut.nextCursor }
    },

    /** Corrects fields of an entry; each correction is a new version. Its number never changes. */
    async update(
      actor: Actor,
      direction: Direction,
      id: string,
      patch: IncomingPatch | OutgoingPatch,
      ifMatch?: number,
    ): Promise<EntryDto> {
      // The office's time zone is read before the transaction: on SQLite's one connection a read
      // outside it from within would wait for it.
      const seen = 'receivedAt' in patch && patch.receivedAt ? await repo.findEntry(ctx.db, id) : undefined
      const office = seen ? await ports.office(seen.officeId) : undefined
      return ctx.change(
        actor,
        direction,
        id,
        'edit',
        rulesFor(direction),
        async (row) => {
          const next: Partial<EntryRow> = {}
          if (patch.title !== undefined) next.title = patch.title
          if (patch.letterDate !== undefined) next.letterDate = patch.letterDate
          if (patch.attachments !== undefined) next.attachments = patch.attachments
          if (patch.notes !== undefined) next.notes = patch.notes
          if ('sender' in patch && patch.sender) next.party = ctx.correspondentJson(patch.sender)
          if ('recipient' in patch && patch.recipient) next.party = ctx.correspondentJson(patch.recipient)
          if ('senderReference' in patch && patch.senderReference !== undefined)
            next.reference = patch.senderReference
          if ('reference' in patch && patch.reference !== undefined) next.reference = patch.reference
          if ('channel' in patch && patch.channel) next.channel = patch.channel
          if ('method' in patch && patch.method) next.method = patch.method
          if ('receivedAt' in patch && patch.receivedAt) {
            const at = new Date(patch.receivedAt)
            // The number belongs to the year's register: a date in another year needs a new entry.
            if (office && Number(localDateOf(at, office.timezone).slice(0, 4)) !== row.year)
              throw invalid([
                {
                  path: 'body.receivedAt',
                  message: `must stay in ${row.year}: void this entry and register it again`,
                },
              ])
            if (at.getTime() > clock.now().getTime() + 5 * 60_000)
              throw invalid([{ path: 'body.receivedAt', message: 'is in the future' }])
            next.receivedAt = at.toISOString()
          }
          return next
        },
        { ifMatch },
      )
    },

    /** Voids a mistaken entry: it keeps its number and place, with the reason and who voided it. */
    async voidEntry(actor: Actor, direction: Direction, id: string, reason: string): Promise<EntryDto> {
      return ctx.change(actor, direction, id, 'void', rulesFor(direction), () => ({ voidReason: reason }), {
        summary: () => ({ reason }),
      })
    },

    /** Gives an incoming letter to a unit, and optionally to one of its officers. */
    async assign(actor: Actor, id: string, body: AssignBody): Promise<EntryDto> {
      return ctx.change(
        actor,
        'incoming',
        id,
        'assign',
        registryRules.assign,
        async (row, trx) => {
          await ctx.checkAssignee(trx, row.officeId, body.unitId, body.userId, 'body')
          // A head of one unit passes letters on only within what they head.
          const next = { officeId: row.officeId, unitId: body.unitId, assigneeId: body.userId ?? null }
          if (!allow(actor, registryRules.assign, next))
            throw forbidden('You may assign letters only to your own unit.')
          return { unitId: body.unitId, assigneeId: body.userId ?? null }
        },
        { summary: (r) => ({ unitId: r.unitId, assigneeId: r.assigneeId }) },
      )
    },

    /** Records that an outgoing letter left: when, how, and the post's tracking number. */
    async dispatch(actor: Actor, id: string, body: DispatchBody): Promise<EntryDto> {
      return ctx.change(
        actor,
        'outgoing',
        id,
        'dispatch',
        registryRules.dispatch,
        async (row, trx) => {
          const at = body.dispatchedAt ? new Date(body.dispatchedAt) : clock.now()
          if (at.getTime() > clock.now().getTime() + 5 * 60_000)
            throw invalid([{ path: 'body.dispatchedAt', message: 'is in the future' }])
          if (at.toISOString() < row.registeredAt)
            throw invalid([{ path: 'body.dispatchedAt', message: 'is before the letter was registered' }])
          const method = body.method ?? row.method
          // By e-service: into the applicant's inbox, in this transaction (or not dispatched at all).
          if (method === 'eservice') {
            const takers = await ports.reactions.publish(trx, 'letter.dispatched-by-eservice', {
              id: row.id,
              officeId: row.officeId,
              number: row.number,
              title: row.title,
              dispatchedAt: at.toISOString(),
              files: await repo.filesOf(trx, [row.id]),
            })
            // Nobody to deliver it: not dispatched at all.
            if (takers === 0)
              throw invalid([{ path: 'body.method', message: 'no e-service delivers letters here' }])
          }
          return { dispatchedAt: at.toISOString(), method, trackingNumber: body.trackingNumber ?? null }
        },
        {
          summary: (r) => ({
            method: r.method,
            dispatchedAt: r.dispatchedAt,
            trackingNumber: r.trackingNumber,
          }),
        },
      )
    },

    /** Records the delivery: its date and, when scanned, the return receipt (a file of this entry). */
    async deliver(actor: Actor, id: string, body: DeliveredBody): Promise<EntryDto> {
      return ctx.change(
        actor,
        'outgoing',
        id,
        'deliver',
        registryRules.dispatch,
        async (row, trx) => {
          if (row.dispatchedAt && body.deliveredOn < row.dispatchedAt.slice(0, 10))
            throw invalid([{ path: 'body.deliveredOn', message: 'is before the letter was dispatched' }])
          if (body.fileId && !(await repo.findFile(trx, row.id, body.fileId)))
            throw invalid([{ path: 'body.fileId', message: 'is not a file of this entry' }])
          return { deliveredOn: body.deliveredOn, deliveryFileId: body.fileId ?? null }
        },
        { summary: (r) => ({ deliveredOn: r.deliveredOn, deliveryFileId: r.deliveryFileId }) },
      )
    },
  }
}
