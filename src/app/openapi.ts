import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { Type } from 'typebox'
import type { AppInstance } from '../platform/http/app-instance.js'
import { finishDocument, type OpenApiDocument } from './openapi-document.js'

const PROBLEM = Type.Ref('Problem')

/**
 * A route's answers with the refusals that come before its handler: 414 for a path parameter past its
 * length, 413 and 415 for a body too large or of a type not taken, 429 where the route has a rate
 * limit. (The fuzzer checks every answer against the document.)
 */
function withFrameworkRefusals(schema: Record<string, unknown>, config: unknown): Record<string, unknown> {
  const response = { ...(schema.response as Record<string, unknown> | undefined) }
  const add = (status: number) => {
    response[status] ??= PROBLEM
  }
  if (schema.params) add(414)
  if (schema.body) {
    add(413)
    add(415)
  }
  if ((config as { rateLimit?: unknown } | undefined)?.rateLimit) add(429)
  return response
}

/** OpenAPI 3.1 generated from the route schemas, served as JSON and as a browsable page. */
export async function registerOpenApi(app: AppInstance, version: string, publicUrl: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ratusz API',
        version,
        description:
          'JSON API of Ratusz. Errors are RFC 9457 problem+json with a stable `code`; validation errors list `errors: [{ path, message }]`. Each problem’s `type` is a page that explains its code in Ukrainian, Polish and English (`/errors` lists them all).',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'Token from POST /api/v1/auth/login or a personal API token',
          },
          metricsToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The token RATUSZ_METRICS_TOKEN sets, for a Prometheus scraper',
          },
          residentSession: {
            type: 'apiKey',
            in: 'cookie',
            name: 'ratusz_resident',
            description:
              "A resident's session, from an identity provider's sign-in or an e-mail link; changes carry `x-csrf-token` from GET /api/v1/residents/me",
          },
        },
      },
      security: [{ bearer: [] }],
    },
    // A file upload's form is documented, not validated: the route reads the multipart stream itself.
    // The refusals the framework gives before a handler runs are documented where they can happen.
    transform: ({ schema, url, route }) => {
      const { uploadForm, ...rest } = (schema ?? {}) as Record<string, unknown>
      const documented = (uploadForm ? { ...rest, body: uploadForm } : { ...rest }) as Record<string, unknown>
      if (!documented.hide) documented.response = withFrameworkRefusals(documented, route.config)
      return { schema: documented as typeof schema, url }
    },
    transformObject: (document) =>
      finishDocument(
        ('openapiObject' in document ? document.openapiObject : {}) as OpenApiDocument,
        publicUrl,
      ),
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  })
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // Swagger UI (React) sets inline style attributes, so this developer page alone allows inline
    // styles; inline scripts stay forbidden here as everywhere.
    staticCSP:
      "default-src 'self'; base-uri 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'",
    uiConfig: { deepLinking: true },
  })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
