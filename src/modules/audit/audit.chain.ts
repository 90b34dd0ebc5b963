import { createHash } from 'node:crypto'
import type { AuditRow } from './audit.tables.js'

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64)

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

/**
 * SHA-256 (hex) over the canonical serialisation of an entry: every recorded field in a fixed order,
 * ending with the previous entry's hash, so changing any entry breaks it and every later link.
 */
export function entryHash(entry: Omit<AuditRow, 'hash'>): string {
  const fields = [
    entry.seq,
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
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex')
}

export interface ChainCheck {
  valid: boolean
  entries: number
  firstBrokenSeq: number | null
}

/**
 * Walks the chain batch by batch. An entry is broken when its hash does not match its content
 * (edited), when its predecessor is missing (deleted), or when its prevHash is not the hash before it.
 * Entries deleted from the end are caught by comparing with the head.
 */
export async function checkChain(
  batches: AsyncIterable<AuditRow[]>,
  head: { seq: number; hash: string },
): Promise<ChainCheck> {
  let expectedSeq = 1
  let prevHash = GENESIS_HASH
  let entries = 0
  for await (const batch of batches) {
    for (const row of batch) {
      entries += 1
      if (row.seq !== expectedSeq) return { valid: false, entries, firstBrokenSeq: expectedSeq }
      if (row.prevHash !== prevHash || entryHash(row) !== row.hash)
        return { valid: false, entries, firstBrokenSeq: row.seq }
      prevHash = row.hash
      expectedSeq += 1
    }
  }
  if (head.seq !== expectedSeq - 1 || head.hash !== prevHash) {
    return { valid: false, entries, firstBrokenSeq: expectedSeq }
  }
  return { valid: true, entries, firstBrokenSeq: null }
}
