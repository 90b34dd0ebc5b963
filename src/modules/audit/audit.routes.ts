import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import { AuditEntryDto, AuditQuery, ChainCheckDto, ChainHeadDto } from './audit.schemas.js'
import type { AuditService } from './audit.service.js'

const tags = ['audit']

export function auditRoutes(audit: AuditService) {
  return async (app: AppInstance) => {
    app.get(
      '/api/v1/audit',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Audit entries, newest first (admin, coordinator; manager for their office)',
          querystring: AuditQuery,
          response: {
            200: Type.Object({
              items: Type.Array(AuditEntryDto),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
            ...problemResponses,
          },
        },
      },
      async (req) => audit.list(actorOf(req), req.query),
    )

    app.get(
      '/api/v1/audit/verify',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Verify the hash chain of the whole log',
          response: { 200: ChainCheckDto, ...problemResponses },
        },
      },
      async (req) => audit.verify(actorOf(req)),
    )

    app.get(
      '/api/v1/audit/head',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'The chain head (sequence and hash) to anchor outside Ratusz',
          response: { 200: ChainHeadDto, ...problemResponses },
        },
      },
      async (req) => audit.headFor(actorOf(req)),
    )
  }
}
