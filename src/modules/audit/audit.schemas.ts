import { type Static, Type } from 'typebox'
import { Id, Instant } from '../../platform/http/schemas.js'

export const AuditEntryDto = Type.Object({
  seq: Type.Integer({ description: 'Position in the whole log, for paging (unique, increasing)' }),
  chain: Type.String({
    description: "The hash chain: the office's id, or `network` for what belongs to no office",
  }),
  chainSeq: Type.Integer({ description: 'Position in its chain, from 1, gap-free' }),
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

const BrokenLinkDto = Type.Object({
  chain: Type.String(),
  officeId: Type.Union([Type.String(), Type.Null()]),
  seq: Type.Integer({ description: "The first broken entry's position in its chain" }),
  reason: Type.Enum(['entry', 'missing', 'head', 'anchor'], {
    description:
      'entry: edited or out of line; missing: deleted; head: the head does not match; anchor: the chain no longer reaches or matches its anchored head',
  }),
})

export const AnchorDto = Type.Object({
  id: Type.Integer({ description: 'From 1, gap-free' }),
  at: Instant,
  root: Type.String({ description: "RFC 6962 Merkle tree hash over every chain's head, hex" }),
  prevRoot: Type.String({ description: "The previous anchor's root (zeros for the first)" }),
  chains: Type.Integer(),
  heads: Type.Array(Type.Tuple([Type.String(), Type.Integer(), Type.String()]), {
    description: '[chain, seq, hash] per chain, sorted by chain: the leaves',
  }),
  signature: Type.Union([Type.String(), Type.Null()], {
    description: "The network seal's detached CMS (CAdES) signature over `statement`, base64",
  }),
  statement: Type.String({ description: 'Canonical JSON of id, at, root, prevRoot and chains' }),
})

export const ChainCheckDto = Type.Object({
  valid: Type.Boolean(),
  entries: Type.Integer(),
  chains: Type.Integer(),
  broken: Type.Array(BrokenLinkDto, {
    description: 'Each broken chain by its first broken entry (at most 100)',
  }),
  anchors: Type.Object({
    count: Type.Integer(),
    valid: Type.Boolean(),
    firstBrokenId: Type.Union([Type.Integer(), Type.Null()]),
    latest: Type.Union([AnchorDto, Type.Null()]),
    seal: Type.Union([
      Type.Object(
        { indication: Type.String(), signer: Type.Union([Type.String(), Type.Null()]) },
        { description: "The latest anchor's seal as the signature validator sees it" },
      ),
      Type.Null(),
    ]),
  }),
})

export const VerifyQuery = Type.Object({ officeId: Type.Optional(Id) })
