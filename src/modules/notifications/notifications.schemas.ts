import { type Static, Type } from 'typebox'
import { Id, Instant } from '../../platform/http/schemas.js'

export const NotificationsQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'Only those not yet read' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)
export type NotificationsQuery = Static<typeof NotificationsQuery>

export const NotificationDto = Type.Object({
  id: Id,
  kind: Type.String({
    description: '`digest` (the day’s deadlines) or `due-soon` (one case, 3 working days ahead)',
  }),
  subject: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  officeId: Type.Union([Id, Type.Null()]),
  createdAt: Instant,
  readAt: Type.Union([Instant, Type.Null()]),
  email: Type.Enum(['pending', 'sending', 'sent', 'failed', 'none'], {
    description: 'Its e-mail: `none` where no server is set or the person gave no address',
  }),
})

export const NotificationsDto = Type.Object({
  items: Type.Array(NotificationDto),
  unread: Type.Integer(),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
