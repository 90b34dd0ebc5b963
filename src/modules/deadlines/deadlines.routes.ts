import type { AppInstance } from '../../platform/http/app-instance.js'
import { problemResponses } from '../../platform/http/schemas.js'
import { DueDto, DueQuery, StatutoryTermsDto } from './deadlines.schemas.js'
import type { DeadlinesService } from './deadlines.service.js'

const tags = ['deadlines']

/** Statutory terms over HTTP: a calculator anyone may use, as a resident may ask "until when?". */
export function deadlinesRoutes(deadlines: DeadlinesService) {
  return async (app: AppInstance) => {
    app.get(
      '/api/v1/deadlines/due',
      {
        schema: {
          tags,
          summary:
            'The last day of a statutory term from an event (KPA art. 57), with how it was reached (public)',
          security: [],
          querystring: DueQuery,
          response: { 200: DueDto, ...problemResponses },
        },
      },
      async (req) => deadlines.due(req.query),
    )

    app.get(
      '/api/v1/deadlines/terms',
      {
        schema: {
          tags,
          summary: 'The statutory terms a case can be given, with the law that sets each (public)',
          security: [],
          response: { 200: StatutoryTermsDto, ...problemResponses },
        },
      },
      async () => ({ items: deadlines.statutoryTerms() }),
    )
  }
}
