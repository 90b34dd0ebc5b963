import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { AppInstance } from '../platform/http/app-instance.js'
import { finishDocument, type OpenApiDocument } from './openapi-document.js'

/** OpenAPI 3.1 generated from the route schemas, served as JSON and as a browsable page. */
export async function registerOpenApi(app: AppInstance, version: string, publicUrl: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ratusz API',
        version,
        description:
          'JSON API of Ratusz. Errors are RFC 9457 problem+json with a stable `code`; validation errors list `errors: [{ path, message }]`.',
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
    transform: ({ schema, url }) => {
      const { uploadForm, ...rest } = (schema ?? {}) as Record<string, unknown>
      return { schema: (uploadForm ? { ...rest, body: uploadForm } : schema) as typeof schema, url }
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
