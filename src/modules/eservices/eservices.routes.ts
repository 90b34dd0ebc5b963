import type { AppInstance } from '../../platform/http/app-instance.js'
import { FormDefinition } from '../catalogue/index.js'

const tags = ['e-services']

/**
 * The e-services over HTTP. So far: the JSON Schema of form definitions, for editors' tools and for
 * centres sharing forms (issue 16 builds the forms, applications and receipts on it).
 */
export function eservicesRoutes() {
  return async (app: AppInstance) => {
    app.get(
      '/api/v1/forms/schema.json',
      {
        schema: {
          tags,
          summary: 'The JSON Schema of a form definition: typed questions, steps and conditions (public)',
          security: [],
          produces: ['application/schema+json'],
        },
      },
      async (_req, reply) =>
        reply
          .type('application/schema+json')
          .header('cache-control', 'public, max-age=3600')
          .send(
            JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...FormDefinition }),
          ),
    )
  }
}
