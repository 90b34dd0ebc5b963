import { Type } from 'typebox'
import { notFound } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import { AnchorDto, AuditEntryDto, AuditQuery, ChainCheckDto, VerifyQuery } from './audit.schemas.js'
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
          summary:
            "Verify the hash chains (a manager, their offices'; the network roles, every chain and the anchors), or one office's",
          querystring: VerifyQuery,
          response: { 200: ChainCheckDto, ...problemResponses },
        },
      },
      async (req) => audit.verify(actorOf(req), req.query.officeId),
    )

    app.post(
      '/api/v1/audit/anchors',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary:
            "Anchor every chain's head now under one Merkle root, sealed by the network's seal where it has one (admin, coordinator)",
          response: { 201: AnchorDto, ...problemResponses },
        },
      },
      async (req, reply) => reply.code(201).send(await audit.anchorFor(actorOf(req))),
    )

    app.get(
      '/api/v1/audit/anchors/latest',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'The newest anchor, to publish outside Ratusz',
          response: { 200: AnchorDto, ...problemResponses },
        },
      },
      async (req) => {
        const anchor = await audit.latestAnchorFor(actorOf(req))
        if (!anchor) throw notFound('Anchor', 'No anchor has been made yet.')
        return anchor
      },
    )
  }
}
