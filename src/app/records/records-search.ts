import { type Static, Type } from 'typebox'
import type { CasesService } from '../../modules/cases/index.js'
import type { Actor } from '../../modules/identity/index.js'
import type { RegistryService } from '../../modules/registry/index.js'
import { Id, Instant } from '../../platform/http/schemas.js'

/** What can be searched for: letters of either register, cases, documents of cases' files. */
export const SEARCH_TYPES = ['incoming', 'outgoing', 'case', 'document'] as const

/** One thing a search found: a letter, a case or a document of a case. */
export const SearchHitDto = Type.Object({
  type: Type.Enum(SEARCH_TYPES),
  id: Id,
  officeId: Id,
  /** The register number, the case sign, or a document's identifier (case sign / number). */
  reference: Type.String(),
  /** A document's case. */
  caseId: Type.Optional(Id),
  title: Type.String(),
  status: Type.String(),
  at: Instant,
})

export type SearchHit = Static<typeof SearchHitDto>
export type SearchType = (typeof SEARCH_TYPES)[number]

/**
 * Letters, cases and documents matching `q` that `actor` may read, newest first in each kind (one
 * kind when `type` is given): what the API's search and the staff search page show.
 */
export async function searchRecords(
  registry: RegistryService,
  cases: CasesService,
  actor: Actor,
  q: string,
  options: { type?: SearchType | undefined; officeId?: string | undefined; limit: number },
): Promise<SearchHit[]> {
  const { officeId, limit } = options
  const kind = async (type: SearchType): Promise<SearchHit[]> => {
    if (type === 'case')
      return (await cases.search(actor, q, officeId, limit)).map((c) => ({
        type,
        id: c.id,
        officeId: c.officeId,
        reference: c.sign,
        title: c.title,
        status: c.status,
        at: c.createdAt,
      }))
    if (type === 'document')
      return (await cases.searchDocuments(actor, q, officeId, limit)).map(({ document: d, case: c }) => ({
        type,
        id: d.id,
        caseId: c.id,
        officeId: c.officeId,
        reference: `${c.sign}/${d.seq}`,
        title: d.title,
        status: c.status,
        at: d.createdAt,
      }))
    return (await registry.search(actor, type, q, officeId, limit)).map((e) => ({
      type,
      id: e.id,
      officeId: e.officeId,
      reference: e.number,
      title: e.title,
      status: e.status,
      at: e.registeredAt,
    }))
  }
  // The kinds at once: on PostgreSQL each on a connection of its own, so a search takes as long as
  // its slowest kind, not all of them in turn (SQLite's one connection takes them in turn anyway).
  const found = await Promise.all((options.type ? [options.type] : SEARCH_TYPES).map(kind))
  return found.flat()
}
