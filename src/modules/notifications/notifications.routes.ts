import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IdParams, problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import { NotificationsDto, NotificationsQuery } from './notifications.schemas.js'
import type { NotificationsService } from './notifications.service.js'

const tags = ['notifications']

/** The signed-in person's notifications: their deadline reminders and digests. */
export function notificationsRoutes(notifications: NotificationsService) {
  return async (app: AppInstance) => {
    const auth = { onRequest: app.authenticate }
    app.get(
      '/api/v1/notifications',
      {
        ...auth,
        schema: {
          tags,
          summary: 'My notifications, newest first, with how many are unread (any staff)',
          querystring: NotificationsQuery,
          response: { 200: NotificationsDto, ...problemResponses },
        },
      },
      async (req) => notifications.list(actorOf(req), req.query),
    )
    app.post(
      '/api/v1/notifications/:id/read',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Mark one of my notifications read (any staff; 404 for anyone else’s)',
          params: IdParams,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (req, reply) => {
        await notifications.markRead(actorOf(req), req.params.id)
        return reply.code(204).send(null)
      },
    )
  }
}
