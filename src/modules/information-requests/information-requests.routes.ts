import type { AppInstance } from '../../platform/http/app-instance.js'
import { problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import {
  InformationRequestBody,
  InformationRequestStatusDto,
  RefusalBody,
  TrackingParams,
} from './information-requests.schemas.js'
import type { InformationRequestsService } from './information-requests.service.js'

const tags = ['information requests']

/** Requests for public information: sent and followed by anyone, refused by the case's officer. */
export function informationRequestsRoutes(requests: InformationRequestsService) {
  return async (app: AppInstance) => {
    app.post(
      '/api/v1/information-requests',
      {
        config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary:
            'Request public information (no account): an incoming letter and a case with the 14-day term; answers the tracking code (public)',
          security: [],
          body: InformationRequestBody,
          response: { 201: InformationRequestStatusDto, ...problemResponses },
        },
      },
      async (req, reply) => reply.code(201).send(await requests.submit(req.body)),
    )
    app.get(
      '/api/v1/information-requests/:code',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Where a request for public information stands, by its tracking code (public)',
          security: [],
          params: TrackingParams,
          response: { 200: InformationRequestStatusDto, ...problemResponses },
        },
      },
      async (req) => requests.track(req.params.code),
    )
    app.post(
      '/api/v1/information-requests/:code/refusal',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: "Refuse a request by a decision filed in its case (the case's assignee or head)",
          params: TrackingParams,
          body: RefusalBody,
          response: { 200: InformationRequestStatusDto, ...problemResponses },
        },
      },
      async (req) => requests.refuse(actorOf(req), req.params.code, req.body),
    )
  }
}
