import type { AuditRecord, AuditTrail } from '../../platform/audit-trail.js'
import type { Clock } from '../../platform/clock.js'
import { beforeCommit, type Db, withTables } from '../../platform/db/index.js'
import { isUniqueViolation } from '../../platform/db/unique.js'
import { decodeCursor, page } from '../../platform/http/cursor.js'
import { countInWindow, worthRecording } from '../../platform/rate-window.js'
import { type Actor, ANY_OFFICE, assertAllowed, officesVisibleTo } from '../identity/index.js'
import {
  type AnchorLeaf,
  type BrokenLink,
  ChainWalk,
  canonicalJson,
  entryHash,
  GENESIS_HASH,
  merkleRoot,
  NETWORK_CHAIN,
} from './audit.chain.js'
import { auditPolicy } from './audit.policy.js'
import * as repo from './audit.repository.js'
import type { AuditEntryDto, AuditQuery } from './audit.schemas.js'
import type { AnchorRow, AuditRow, AuditTables } from './audit.tables.js'

export type AuditService = ReturnType<typeof createAuditService>

const REPEAT_WINDOW_MS = 15 * 60_000
/** The most steps a record's history shows (a ticket has a dozen at most). */
const HISTORY_LIMIT = 500
/** The most broken chains a check names (each by its first broken entry). */
const BROKEN_LIMIT = 100

/** An anchor as it is exported: what an operator publishes outside Ratusz. */
export interface AnchorExport {
  id: number
  at: string
  root: string
  prevRoot: string
  chains: number
  heads: AnchorLeaf[]
  /** The network seal's detached CMS signature over `statement`, base64; null when unsealed. */
  signature: string | null
  /** The canonical JSON of id, at, root, prevRoot and chains: what the seal signs. */
  statement: string
}

export interface ChainCheck {
  valid: boolean
  /** Entries checked, over every chain checked. */
  entries: number
  chains: number
  /** Each broken chain by its first broken entry (at most 100). */
  broken: BrokenLink[]
  /** The anchors: each one's root recomputed from its heads and linked to the one before. */
  anchors: {
    count: number
    valid: boolean
    firstBrokenId: number | null
    latest: AnchorExport | null
    /**
     * The latest anchor's seal: its indication and signer (TOTAL_FAILED makes the anchors invalid;
     * INDETERMINATE, a seal whose issuer is not in the trust store, does not). Null when unsealed.
     */
    seal: { indication: string; signer: string | null } | null
  }
}

/** What the audit log needs of the signatures: the network's seal over an anchor, and its check. */
export interface AnchorSealer {
  /** A detached CMS signature over the statement by the network's seal, or null without one. */
  seal(statement: Buffer): Promise<Buffer | null>
  /** The signature's indication (ETSI EN 319 102-1) and signer. */
  check(statement: Buffer, signature: Buffer): Promise<{ indication: string; signer: string | null }>
}

const UNSEALED: AnchorSealer = {
  seal: async () => null,
  check: async () => ({ indication: 'TOTAL_FAILED', signer: null }),
}

/** An entry's chain: its office's, or the network's. */
const chainOf = (entry: AuditRecord) => entry.officeId ?? NETWORK_CHAIN

/**
 * The audit log: the AuditTrail port for modules, and reading, verifying and anchoring for people.
 * Each office has its own hash chain (and the network one for what belongs to no office), so that
 * offices never wait on each other; anchors tie every chain's head together under one Merkle root.
 */
export function createAuditService(database: Db, clock: Clock, sealer: AnchorSealer = UNSEALED) {
  const db = withTables<AuditTables>(database)

  /** Entries recorded in a transaction, appended to their chains just before it commits. */
  const pending = new WeakMap<object, (AuditRecord & { at: string })[]>()

  /**
   * Appends a transaction's entries, chain by chain in the chains' order: each chain's head is locked
   * (advanced by the number of its entries) only now, at the end of the transaction, so that it is
   * held for the commit alone and always taken after the rows the work locked and in one order across
   * chains (two transactions never wait on each other's head and rows crosswise).
   */
  async function appendPending(trx: Db, entries: (AuditRecord & { at: string })[]) {
    const tx = withTables<AuditTables>(trx)
    const byChain = new Map<string, (AuditRecord & { at: string })[]>()
    for (const entry of entries) {
      const chain = chainOf(entry)
      const list = byChain.get(chain)
      if (list) list.push(entry)
      else byChain.set(chain, [entry])
    }
    for (const chain of [...byChain.keys()].sort()) {
      const list = byChain.get(chain)!
      const { first, prevHash: start } = await repo.advanceHead(tx, chain, list.length)
      let prevHash = start
      const rows = list.map((entry, i) => {
        const row = {
          chain,
          chainSeq: first + i,
          format: 2,
          at: entry.at,
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
        prevHash = entryHash(row)
        return { ...row, hash: prevHash }
      })
      await repo.appendEntries(tx, chain, rows)
    }
  }

  const trail: AuditTrail = {
    async record(trx, entry: AuditRecord) {
      const list = pending.get(trx)
      const stamped = { ...entry, at: clock.now().toISOString() }
      if (list) return void list.push(stamped)
      const fresh = [stamped]
      pending.set(trx, fresh)
      beforeCommit(trx, async () => {
        pending.delete(trx)
        await appendPending(trx, fresh)
      })
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

  /** Checks every anchor's root and link; the first whose root or link is wrong is named. */
  async function checkAnchors(): Promise<ChainCheck['anchors']> {
    let count = 0
    let prevRoot = GENESIS_HASH
    let firstBrokenId: number | null = null
    let latest: AnchorRow | null = null
    for await (const anchor of repo.anchorsInOrder(db)) {
      count += 1
      latest = anchor
      if (firstBrokenId !== null) continue
      if (
        anchor.id !== count ||
        anchor.prevRoot !== prevRoot ||
        merkleRoot(repo.leavesOf(anchor)) !== anchor.root
      )
        firstBrokenId = anchor.id
      prevRoot = anchor.root
    }
    const seal = latest?.signature
      ? await sealer
          .check(Buffer.from(statementOf(latest)), Buffer.from(latest.signature, 'base64'))
          .catch(() => ({ indication: 'TOTAL_FAILED', signer: null }))
      : null
    if (seal?.indication === 'TOTAL_FAILED' && firstBrokenId === null) firstBrokenId = latest!.id
    return { count, valid: firstBrokenId === null, firstBrokenId, latest: latest && exported(latest), seal }
  }

  /**
   * Walks the chains (all, or those named) up to the heads read first, against the anchor's heads
   * (the latest stored, or one kept outside Ratusz).
   */
  async function checkChains(chains: readonly string[] | null, anchor: AnchorExport | null) {
    const heads = await repo.readHeads(db, chains ?? undefined)
    const anchored = new Map((anchor?.heads ?? []).map(([chain, seq, hash]) => [chain, { seq, hash }]))
    const broken: BrokenLink[] = []
    let entries = 0
    let walk = null as ChainWalk | null
    const unheaded = new Set<string>()
    const finish = (w: ChainWalk) => {
      entries += w.entries
      const link = w.end()
      if (link) broken.push(link)
    }
    const seen = new Set<string>()
    for await (const batch of repo.entriesByChain(db, chains)) {
      for (const row of batch) {
        if (walk?.chain !== row.chain) {
          if (walk) finish(walk)
          walk = null
          seen.add(row.chain)
          const head = heads.get(row.chain)
          if (head) walk = new ChainWalk(row.chain, head, anchored.get(row.chain))
          else unheaded.add(row.chain)
        }
        walk?.add(row)
      }
    }
    if (walk) finish(walk)
    // A chain whose head is gone (or whose entries are gone while its head remains) is broken from
    // its start, unless it began after the heads were read.
    const begunSince = unheaded.size ? await repo.readHeads(db, [...unheaded]) : new Map()
    for (const chain of unheaded) if (!begunSince.has(chain)) broken.push(linkAt(chain, 1, 'head'))
    for (const [chain, head] of heads)
      if (!seen.has(chain)) finish(new ChainWalk(chain, head, anchored.get(chain)))
    for (const chain of anchored.keys())
      if ((chains === null || chains.includes(chain)) && !heads.has(chain) && !seen.has(chain))
        broken.push(linkAt(chain, 1, 'anchor'))
    broken.sort((a, b) => a.chain.localeCompare(b.chain))
    return { entries, chains: heads.size, broken: broken.slice(0, BROKEN_LIMIT) }
  }

  async function verifyChains(chains: readonly string[] | null, outside?: AnchorExport): Promise<ChainCheck> {
    const anchors = await checkAnchors()
    let anchorsValid = anchors.valid
    if (outside) {
      // An anchor kept outside must be whole, and be the one stored under its number.
      const stored = await repo.anchorsInOrder(db)
      let same = false
      for await (const a of stored) if (a.id === outside.id) same = a.root === outside.root
      anchorsValid &&= same && merkleRoot(outside.heads) === outside.root
    }
    const result = await checkChains(chains, outside ?? anchors.latest)
    return {
      valid: result.broken.length === 0 && anchorsValid,
      ...result,
      anchors: { ...anchors, valid: anchorsValid },
    }
  }

  /** Records every chain's head under one Merkle root, linked to the anchor before and sealed. */
  async function makeAnchor(): Promise<AnchorExport> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await database.transaction().execute(async (trx) => {
          const tx = withTables<AuditTables>(trx)
          const previous = await repo.latestAnchor(tx)
          const heads = [...(await repo.readHeads(tx))].map(
            ([chain, head]): AnchorLeaf => [chain, head.seq, head.hash],
          )
          const root = merkleRoot(heads)
          const draft = {
            id: (previous ? Number(previous.id) : 0) + 1,
            at: clock.now().toISOString(),
            root,
            prevRoot: previous?.root ?? GENESIS_HASH,
            chains: heads.length,
            heads: JSON.stringify(heads),
          }
          const seal = await sealer.seal(Buffer.from(statementOf(draft)))
          const row = { ...draft, signature: seal ? seal.toString('base64') : null }
          await repo.insertAnchor(tx, row)
          return exported(row)
        })
      } catch (error) {
        if (attempt < 3 && isUniqueViolation(error)) continue
        throw error
      }
    }
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

    /**
     * Verifies the chains the actor may read (a manager, their offices'; the network roles, every
     * chain and the anchors), or one office's. The answer names chains and positions, no entry.
     */
    async verify(actor: Actor, officeId?: string): Promise<ChainCheck> {
      assertAllowed(actor, auditPolicy.verify, officeId ?? ANY_OFFICE)
      const visible = officesVisibleTo(actor, auditPolicy.verify)
      const chains = officeId ? [officeId] : visible
      return verifyChains(chains)
    },

    /** Every chain and anchor without an actor, for `ratusz audit verify`; against `anchor` if given. */
    verifyOffline(anchor?: AnchorExport): Promise<ChainCheck> {
      return verifyChains(null, anchor)
    },

    async anchorFor(actor: Actor): Promise<AnchorExport> {
      assertAllowed(actor, auditPolicy.anchor, ANY_OFFICE)
      return makeAnchor()
    },

    /** A new anchor, for the scheduled job and `ratusz audit anchor`. */
    anchor: makeAnchor,

    async latestAnchorFor(actor: Actor): Promise<AnchorExport | null> {
      assertAllowed(actor, auditPolicy.verify, ANY_OFFICE)
      return this.latestAnchor()
    },

    async latestAnchor(): Promise<AnchorExport | null> {
      const row = await repo.latestAnchor(db)
      return row ? exported(row) : null
    },

    /** One chain's head (the office's, or the network's): its newest position and hash. */
    async headOf(chain: string): Promise<{ seq: number; hash: string }> {
      return (await repo.readHeads(db, [chain])).get(chain) ?? { seq: 0, hash: GENESIS_HASH }
    },
  }
}

function linkAt(chain: string, seq: number, reason: BrokenLink['reason']): BrokenLink {
  return { chain, officeId: chain === NETWORK_CHAIN ? null : chain, seq, reason }
}

function statementOf(a: Pick<AnchorRow, 'id' | 'at' | 'root' | 'prevRoot' | 'chains'>): string {
  return canonicalJson({
    id: Number(a.id),
    at: a.at,
    root: a.root,
    prevRoot: a.prevRoot,
    chains: Number(a.chains),
  })
}

function exported(row: AnchorRow): AnchorExport {
  return {
    id: Number(row.id),
    at: row.at,
    root: row.root,
    prevRoot: row.prevRoot,
    chains: Number(row.chains),
    heads: repo.leavesOf(row),
    signature: row.signature,
    statement: statementOf(row),
  }
}

function toDto(row: AuditRow): AuditEntryDto {
  return {
    seq: Number(row.seq),
    chain: row.chain,
    chainSeq: Number(row.chainSeq),
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
