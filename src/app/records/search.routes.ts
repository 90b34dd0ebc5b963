import { Type } from 'typebox'
import type { CasesService } from '../../modules/cases/index.js'
import { actorOf } from '../../modules/identity/index.js'
import type { RegistryService } from '../../modules/registry/index.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { Id, Instant, problemResponses } from '../../platform/http/schemas.js'

const TYPES = ['incoming', 'outgoing', 'case', 'document'] as const

const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Words; diacritics and Cyrillic/Latin spelling do not matter',
    }),
    type: Type.Optional(
      Type.Enum(TYPES, {
        description:
          "Only letters of one register, only cases, or only documents of cases' files (their text too)",
      }),
    ),
    officeId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
)

const Hit = Type.Object({
  type: Type.Enum(TYPES),
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

/**
 * One search over the registers and the cases (numbers, subjects, correspondents, parties) through
 * the platform's search port, each kind cut to what the caller may read.
 */
export function recordsSearchRoutes(registry: RegistryService, cases: CasesService) {
  return async (app: AppInstance) => {
    app.get(
      '/api/v1/search',
      {
        onRequest: app.authenticate,
        schema: {
          tags: ['registry', 'cases'],
          summary:
            'Search letters, cases and documents (their text too) the caller may read (newest first in each kind)',
          querystring: SearchQuery,
          response: { 200: Type.Object({ items: Type.Array(Hit) }), ...problemResponses },
        },
      },
      async (req) => {
        const actor = actorOf(req)
        const { q, officeId } = req.query
        const limit = req.query.limit ?? 20
        const wanted = req.query.type ? [req.query.type] : TYPES
        const items = []
        for (const type of wanted) {
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
        return { items }
      },
    )
  }
}
