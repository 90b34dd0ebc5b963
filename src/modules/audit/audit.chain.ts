import { createHash } from 'node:crypto'
import type { AuditRow } from './audit.tables.js'

/** The previous hash of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64)

/** The chain of what belongs to no office (and of the whole log written before issue 17). */
export const NETWORK_CHAIN = 'network'

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    )
  }
  return value
}

type Hashed = Omit<AuditRow, 'hash' | 'seq'>

/**
 * SHA-256 (hex) over the canonical serialisation of an entry: every recorded field in a fixed order,
 * ending with the previous entry's hash, so changing any entry breaks it and every later link.
 * Format 2 begins with the chain's name, so an entry cannot be moved to another office's chain;
 * format 1 (the single chain before issue 17, whose position was its chain position) is kept as it
 * was so that its past still verifies.
 */
export function entryHash(entry: Hashed): string {
  const fields = [
    entry.at,
    entry.actorType,
    entry.actorId,
    entry.actorLogin,
    entry.officeId,
    entry.action,
    entry.subjectType,
    entry.subjectId,
    entry.summary,
    entry.requestId,
    entry.prevHash,
  ]
  const head = entry.format === 1 ? [entry.chainSeq] : ['ratusz-audit/2', entry.chain, entry.chainSeq]
  return createHash('sha256')
    .update(JSON.stringify([...head, ...fields]))
    .digest('hex')
}

/** Where one chain first fails its check. */
export interface BrokenLink {
  chain: string
  /** The office whose chain it is; null for the network's. */
  officeId: string | null
  /** The first entry (its position in the chain) that is edited, missing or out of line. */
  seq: number
  reason: 'entry' | 'missing' | 'head' | 'anchor'
}

export interface ChainHead {
  seq: number
  hash: string
}

/**
 * Checks one chain's entries, in order, up to its head as read before the walk (entries appended
 * since are left for the next check). An entry is broken when its hash does not match its content
 * (edited), when it is missing (deleted), or when its prevHash is not the hash before it. Entries
 * deleted from the end are caught by the head; a chain truncated and its head rewound to match, by
 * the anchor (the heads recorded earlier, and published outside Ratusz).
 */
export class ChainWalk {
  #expected = 1
  #prevHash = GENESIS_HASH
  #broken: BrokenLink | null = null
  entries = 0

  constructor(
    readonly chain: string,
    private readonly head: ChainHead,
    private readonly anchored: ChainHead | undefined,
  ) {
    if (anchored && anchored.seq > head.seq) this.#break(head.seq + 1, 'anchor')
  }

  add(row: AuditRow): void {
    const seq = Number(row.chainSeq)
    if (this.#broken || seq > this.head.seq) return
    this.entries += 1
    if (seq !== this.#expected) this.#break(this.#expected, 'missing')
    else if (row.prevHash !== this.#prevHash || entryHash(row) !== row.hash) this.#break(seq, 'entry')
    else if (this.anchored && seq === this.anchored.seq && row.hash !== this.anchored.hash)
      this.#break(seq, 'anchor')
    if (this.#broken) return
    this.#prevHash = row.hash
    this.#expected += 1
  }

  /** Every entry has been added: the chain must reach its head, and end in the head's hash. */
  end(): BrokenLink | null {
    if (this.#broken) return this.#broken
    const last = this.#expected - 1
    if (last < this.head.seq) return this.#break(this.#expected, 'missing')
    if (this.head.hash !== this.#prevHash) return this.#break(last, 'head')
    return null
  }

  #break(seq: number, reason: BrokenLink['reason']): BrokenLink {
    this.#broken = {
      chain: this.chain,
      officeId: this.chain === NETWORK_CHAIN ? null : this.chain,
      seq,
      reason,
    }
    return this.#broken
  }
}

/** A Merkle tree's leaf: one chain's head as an anchor records it. */
export type AnchorLeaf = [chain: string, seq: number, hash: string]

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest()

/**
 * The Merkle tree hash of RFC 6962 (Certificate Transparency) over the chains' heads sorted by
 * chain: a leaf is SHA-256(0x00 ‖ its JSON), a node SHA-256(0x01 ‖ left ‖ right), the tree split at
 * the largest power of two below its size. One root stands for every chain's head at once; a proof
 * for one office is the path of sibling hashes.
 */
export function merkleRoot(leaves: readonly AnchorLeaf[]): string {
  const hashes = leaves.map((leaf) => sha256(Buffer.from([0]), Buffer.from(JSON.stringify(leaf))))
  return treeHash(hashes).toString('hex')
}

function treeHash(hashes: Buffer[]): Buffer {
  if (hashes.length === 0) return sha256()
  if (hashes.length === 1) return hashes[0]!
  let split = 1
  while (split * 2 < hashes.length) split *= 2
  return sha256(Buffer.from([1]), treeHash(hashes.slice(0, split)), treeHash(hashes.slice(split)))
}
