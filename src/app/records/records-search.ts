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
  const items: SearchHit[] = []
  for (const type of options.type ? [options.type] : SEARCH_TYPES) {
    if (type === 'case')
      for (const c of await cases.search(actor, q, officeId, limit))
        items.push({
          type,
          id: c.id,
          officeId: c.officeId,
          reference: c.sign,
          title: c.title,
          status: c.status,
          at: c.createdAt,
        })
    else if (type === 'document')
      for (const { document: d, case: c } of await cases.searchDocuments(actor, q, officeId, limit))
        items.push({
          type,
          id: d.id,
          caseId: c.id,
          officeId: c.officeId,
          reference: `${c.sign}/${d.seq}`,
          title: d.title,
          status: c.status,
          at: d.createdAt,
        })
    else
      for (const e of await registry.search(actor, type, q, officeId, limit))
        items.push({
          type,
          id: e.id,
          officeId: e.officeId,
          reference: e.number,
          title: e.title,
          status: e.status,
          at: e.registeredAt,
        })
  }
  return items
}
