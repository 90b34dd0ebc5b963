import { Type } from 'typebox'
import type { CasesService } from '../../modules/cases/index.js'
import { actorOf } from '../../modules/identity/index.js'
import type { RegistryService } from '../../modules/registry/index.js'
import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { Id, problemResponses } from '../../platform/http/schemas.js'
import { pageContextOf } from '../../web/page-context.js'
import { send, staffPageHelpers, staffRouteOptions } from '../staff/staff-page-helpers.js'
import { recordsTexts } from './records.messages.js'
import { SEARCH_TYPES, SearchHitDto, searchRecords } from './records-search.js'
import { SearchPage } from './search.page.js'

const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Words; diacritics and Cyrillic/Latin spelling do not matter',
    }),
    type: Type.Optional(
      Type.Enum(SEARCH_TYPES, {
        description:
          "Only letters of one register, only cases, or only documents of cases' files (their text too)",
      }),
    ),
    officeId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
)

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
          response: { 200: Type.Object({ items: Type.Array(SearchHitDto) }), ...problemResponses },
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
  type: Type.Optional(Type.Union([Type.Enum(SEARCH_TYPES), Type.Literal('')])),
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
            types: SEARCH_TYPES,
            hits,
          }),
        )
      },
    )
  }
}
