import { type Static, Type } from 'typebox'
import { Id, Instant } from '../../platform/http/schemas.js'

export const AuditEntryDto = Type.Object({
  seq: Type.Integer({ description: 'Position in the chain, from 1, gap-free' }),
  at: Instant,
  actor: Type.Object({
    type: Type.Enum(['user', 'device', 'system', 'anonymous', 'resident']),
    id: Type.Union([Type.String(), Type.Null()]),
    login: Type.Union([Type.String(), Type.Null()]),
  }),
  officeId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String({ description: 'e.g. office.create, user.disable, access.denied' }),
  subject: Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
  summary: Type.Record(Type.String(), Type.Unknown(), { description: 'What changed' }),
  requestId: Type.Union([Type.String(), Type.Null()]),
  prevHash: Type.String(),
  hash: Type.String({ description: 'SHA-256 over the canonical serialisation of this entry and prevHash' }),
})
export type AuditEntryDto = Static<typeof AuditEntryDto>

export const AuditQuery = Type.Object({
  officeId: Type.Optional(Id),
  actorId: Type.Optional(Type.String({ maxLength: 100 })),
  actorLogin: Type.Optional(Type.String({ maxLength: 100, description: 'Who acted, by login' })),
  action: Type.Optional(
    Type.String({
      maxLength: 100,
      pattern: '^[a-z][a-z0-9-]*(\\.([a-z0-9-]+|\\*))?$',
      description: 'One action (`case.approve`), or every action on a subject (`case.*`)',
    }),
  ),
  subjectType: Type.Optional(Type.String({ maxLength: 100 })),
  subjectId: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
})
export type AuditQuery = Static<typeof AuditQuery>

export const ChainCheckDto = Type.Object({
  valid: Type.Boolean(),
  entries: Type.Integer(),
  firstBrokenSeq: Type.Union([Type.Integer(), Type.Null()]),
})

export const ChainHeadDto = Type.Object({ seq: Type.Integer(), hash: Type.String(), at: Instant })
