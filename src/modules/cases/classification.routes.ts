import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import {
  ClassDto,
  ClassesQuery,
  ClassificationDto,
  ClassificationParams,
  ImportBody,
  ImportQuery,
  ImportResultDto,
  OfficeParams,
} from './classification.schemas.js'
import type { ClassificationService } from './classification.service.js'

const tags = ['classification']

/** The office's classification over HTTP: import a version from CSV, list versions, read classes. */
export function classificationRoutes(classification: ClassificationService) {
  return async (app: AppInstance) => {
    // CSV arrives as text; only here (this plugin's routes), up to 5 MB.
    app.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    )
    const auth = { onRequest: app.authenticate }

    app.post(
      '/api/v1/offices/:officeId/classifications/import',
      {
        ...auth,
        schema: {
          tags,
          summary:
            'Adopt a classification (JRWA, nomenclature) from CSV from a date; dryRun shows the changes (admin, manager)',
          consumes: ['text/csv'],
          params: OfficeParams,
          querystring: ImportQuery,
          body: ImportBody,
          response: {
            200: ImportResultDto,
            201: ImportResultDto,
            ...problemResponses,
            409: Type.Ref('Problem'),
          },
        },
      },
      async (req, reply) => {
        const result = await classification.importClassification(
          actorOf(req),
          req.params.officeId,
          req.body,
          req.query.adoptedOn,
          req.query.dryRun ?? false,
        )
        return reply.code(result.id ? 201 : 200).send(result)
      },
    )

    app.get(
      '/api/v1/offices/:officeId/classifications',
      {
        ...auth,
        schema: {
          tags,
          summary: "The versions of an office's classification, newest first",
          params: OfficeParams,
          response: { 200: Type.Object({ items: Type.Array(ClassificationDto) }), ...problemResponses },
        },
      },
      async (req) => ({ items: await classification.list(actorOf(req), req.params.officeId) }),
    )

    app.get(
      '/api/v1/classifications/:id/classes',
      {
        ...auth,
        schema: {
          tags,
          summary: 'The classes of a version: all, the top ones (parent=) or those under one class',
          params: ClassificationParams,
          querystring: ClassesQuery,
          response: { 200: Type.Object({ items: Type.Array(ClassDto) }), ...problemResponses },
        },
      },
      async (req) => ({ items: await classification.classes(actorOf(req), req.params.id, req.query.parent) }),
    )
  }
}
