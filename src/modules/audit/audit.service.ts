import type { AuditRecord, AuditTrail } from '../../platform/audit-trail.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, withTables } from '../../platform/db/index.js'
import { decodeCursor, page } from '../../platform/http/cursor.js'
import { countInWindow, worthRecording } from '../../platform/rate-window.js'
import { type Actor, ANY_OFFICE, assertAllowed, officesVisibleTo } from '../identity/index.js'
import { type ChainCheck, canonicalJson, checkChain, entryHash } from './audit.chain.js'
import { auditPolicy } from './audit.policy.js'
import * as repo from './audit.repository.js'
import type { AuditEntryDto, AuditQuery } from './audit.schemas.js'
import type { AuditRow, AuditTables } from './audit.tables.js'

export type AuditService = ReturnType<typeof createAuditService>

const REPEAT_WINDOW_MS = 15 * 60_000
/** The most steps a record's history shows (a ticket has a dozen at most). */
const HISTORY_LIMIT = 500

/** The audit log: the AuditTrail port for modules, and reading and verifying for people. */
export function createAuditService(database: Db, clock: Clock) {
  const db = withTables<AuditTables>(database)

  const trail: AuditTrail = {
    async record(trx, entry: AuditRecord) {
      const tx = withTables<AuditTables>(trx)
      const { seq, prevHash } = await repo.advanceHead(tx)
      const row = {
        seq,
        at: clock.now().toISOString(),
        actorType: entry.actor.type,
        actorId: entry.actor.id,
        actorLogin: entry.actor.login,
        officeId: entry.officeId,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId,
        summary: canonicalJson(entry.summary),
        requestId: entry.requestId,
        prevHash,
      }
      await repo.appendEntry(tx, { ...row, hash: entryHash(row) })
    },

    async history(subjectType, subjectId) {
      const rows = await repo.listEntries(db, {
        officeIds: null,
        subjectType,
        subjectId,
        limit: HISTORY_LIMIT,
      })
      return rows.reverse().map((row) => {
        const { seq, at, action, actor, summary } = toDto(row)
        return { seq, at, action, actor, summary }
      })
    },
  }

  return {
    trail,

    /** Records outside any other change (a denied access), in a transaction of its own. */
    async recordAlone(entry: AuditRecord): Promise<void> {
      await database.transaction().execute((trx) => trail.record(trx, entry))
    },

    /**
     * Records what may come as a flood (denied requests from someone not signed in): one entry at the
     * 1st, 10th, 100th… occurrence of `key` in 15 minutes, saying how many so far.
     */
    async recordRepeated(key: string, entry: AuditRecord): Promise<void> {
      const { count } = await countInWindow(database, `audit:${key}`, REPEAT_WINDOW_MS, clock.now())
      if (!worthRecording(count)) return
      await this.recordAlone({ ...entry, summary: { ...entry.summary, occurrencesInWindow: count } })
    },

    async list(actor: Actor, query: AuditQuery) {
      assertAllowed(actor, auditPolicy.read, query.officeId ?? ANY_OFFICE)
      const limit = query.limit ?? 50
      const cursor = decodeCursor(query.cursor, 1)
      const rows = await repo.listEntries(db, {
        officeIds: officesVisibleTo(actor, auditPolicy.read),
        officeId: query.officeId,
        actorId: query.actorId,
        actorLogin: query.actorLogin,
        action: query.action,
        subjectType: query.subjectType,
        subjectId: query.subjectId,
        from: query.from ? new Date(query.from).toISOString() : undefined,
        to: query.to ? new Date(query.to).toISOString() : undefined,
        beforeSeq: cursor ? Number(cursor[0]) : undefined,
        limit: limit + 1,
      })
      const { items, nextCursor } = page(rows, limit, (r) => [Number(r.seq)])
      return { items: items.map(toDto), nextCursor }
    },

    /** Verifies the whole chain. Anyone allowed may run it: its answer reveals no entry. */
    async verify(actor: Actor): Promise<ChainCheck> {
      assertAllowed(actor, auditPolicy.verify, ANY_OFFICE)
      return this.verifyOffline()
    },

    /** The same check without an actor, for `ratusz audit verify`. */
    async verifyOffline(): Promise<ChainCheck> {
      const head = await repo.readHead(db)
      return checkChain(repo.entriesInOrder(db), head)
    },

    async headFor(actor: Actor): Promise<{ seq: number; hash: string; at: string }> {
      assertAllowed(actor, auditPolicy.verify, ANY_OFFICE)
      return this.head()
    },

    /** The newest link: anchoring its hash outside Ratusz makes rewriting the whole chain detectable. */
    async head(): Promise<{ seq: number; hash: string; at: string }> {
      const head = await repo.readHead(db)
      return { ...head, at: clock.now().toISOString() }
    },
  }
}

function toDto(row: AuditRow): AuditEntryDto {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: { type: row.actorType, id: row.actorId, login: row.actorLogin },
    officeId: row.officeId,
    action: row.action,
    subject: { type: row.subjectType, id: row.subjectId },
    summary: JSON.parse(row.summary) as Record<string, unknown>,
    requestId: row.requestId,
    prevHash: row.prevHash,
    hash: row.hash,
  }
}
