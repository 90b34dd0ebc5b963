import { type Static, Type } from 'typebox'
import type { CasesService } from '../../modules/cases/index.js'
import { type Actor, actorOf } from '../../modules/identity/index.js'
import type { RegistryService } from '../../modules/registry/index.js'
import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { Id, Instant, problemResponses } from '../../platform/http/schemas.js'
import { pageContextOf } from '../../web/page-context.js'
import { send, staffPageHelpers, staffRouteOptions } from '../staff/staff-page-helpers.js'
import { recordsTexts } from './records.messages.js'
import { SearchPage } from './search.page.js'

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

export type SearchHit = Static<typeof Hit>
export type SearchType = (typeof TYPES)[number]
export const SEARCH_TYPES = TYPES

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
  for (const type of options.type ? [options.type] : TYPES) {
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
      async (req) => ({
        items: await searchRecords(registry, cases, actorOf(req), req.query.q, {
          type: req.query.type,
          officeId: req.query.officeId,
          limit: req.query.limit ?? 20,
        }),
      }),
    )
  }
}

const PageQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  type: Type.Optional(Type.Union([Type.Enum(TYPES), Type.Literal('')])),
})

/** The staff search page: the same search as the API's, as a form that works without JavaScript. */
export function recordsSearchPageRoutes(config: Config, registry: RegistryService, cases: CasesService) {
  const { staffContext } = staffPageHelpers(config)
  return async (app: AppInstance) => {
    const { page } = staffRouteOptions(app)
    app.get(
      '/staff/search',
      { ...page, schema: { hide: true, querystring: PageQuery } },
      async (req, reply) => {
        const q = req.query.q?.trim() ?? ''
        const type = req.query.type || undefined
        const hits = q ? await searchRecords(registry, cases, actorOf(req), q, { type, limit: 20 }) : null
        return send(
          reply,
          SearchPage({
            s: staffContext(req, reply),
            t: recordsTexts(pageContextOf(req, reply, config.defaultLanguage).lang),
            q,
            type: type ?? '',
            types: TYPES,
            hits,
          }),
        )
      },
    )
  }
}
