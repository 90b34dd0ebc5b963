import { type Static, Type } from 'typebox'
import { Id, Instant, MultilingualText, WebUrl } from '../../platform/http/schemas.js'
import { EService } from './card-e-service.js'

const Code = Type.String({
  pattern: '^[A-Z0-9][A-Z0-9-]{1,63}$',
  description: 'Stable card code, e.g. ID-CARD',
})
const Duration = Type.String({
  pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$',
  description: 'ISO 8601 duration in days, weeks, months or years, e.g. P30D, P1M',
})
const Tag = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' })

export const Fee = Type.Object(
  {
    amount: Type.Integer({ minimum: 0, description: 'Minor units (grosz, kopiyka)' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. PLN, UAH' }),
    description: MultilingualText,
    howToPay: Type.Optional(MultilingualText),
  },
  { additionalProperties: false },
)

export const LegalBasis = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 500 }),
    reference: Type.Optional(Type.String({ maxLength: 200 })),
    article: Type.Optional(Type.String({ maxLength: 100 })),
    url: Type.Optional(WebUrl),
  },
  { additionalProperties: false },
)

export const Channel = Type.Object(
  {
    type: Type.Enum(['in-person', 'post', 'online']),
    url: Type.Optional(WebUrl),
    description: Type.Optional(MultilingualText),
  },
  { additionalProperties: false },
)

export const ServiceOffice = Type.Object(
  {
    officeId: Id,
    queueId: Type.Optional(
      Type.String({ maxLength: 100, description: 'The queue serving it there (electronic queue)' }),
    ),
  },
  { additionalProperties: false },
)

/** A service card as editors write it and residents read it. */
export const ServiceCard = Type.Object(
  {
    code: Code,
    name: MultilingualText,
    description: MultilingualText,
    audience: Type.Optional(MultilingualText),
    processingTime: Type.Optional(Duration),
    processingTimeSource: Type.Optional(Type.String({ maxLength: 300 })),
    fees: Type.Optional(Type.Array(Fee, { maxItems: 20 })),
    requiredDocuments: Type.Optional(Type.Array(MultilingualText, { maxItems: 50 })),
    documentsToShow: Type.Optional(Type.Array(MultilingualText, { maxItems: 50 })),
    legalBasis: Type.Optional(Type.Array(LegalBasis, { maxItems: 30 })),
    channels: Type.Optional(Type.Array(Channel, { maxItems: 10 })),
    offices: Type.Optional(Type.Array(ServiceOffice, { maxItems: 200 })),
    responsibleUnit: Type.Optional(Type.String({ maxLength: 200 })),
    appeal: Type.Optional(MultilingualText),
    notes: Type.Optional(MultilingualText),
    categories: Type.Optional(Type.Array(Tag, { maxItems: 20 })),
    lifeEvents: Type.Optional(Type.Array(Tag, { maxItems: 20 })),
    related: Type.Optional(Type.Array(Code, { maxItems: 30 })),
    keywords: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
    eFormUrl: Type.Optional(WebUrl),
    eService: Type.Optional(EService),
  },
  { additionalProperties: false },
)
export type ServiceCard = Static<typeof ServiceCard>

export const ServiceStatus = Type.Enum(['draft', 'published', 'withdrawn'])
export type ServiceStatus = Static<typeof ServiceStatus>

export const ServiceDto = Type.Object({
  id: Id,
  ...ServiceCard.properties,
  status: ServiceStatus,
  version: Type.Integer({ description: 'The version shown' }),
  latestVersion: Type.Integer(),
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  publishedAt: Type.Union([Instant, Type.Null()]),
  updatedAt: Instant,
})
export type ServiceDto = Static<typeof ServiceDto>

export const ServiceSummary = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String({ description: 'In the requested language' }),
  description: Type.String({ description: 'In the requested language' }),
  status: ServiceStatus,
  processingTime: Type.Optional(Type.String()),
  unpublishedChanges: Type.Optional(
    Type.Boolean({ description: 'Staff lists: the latest version is not the published one' }),
  ),
})

export const ServiceListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  office: Type.Optional(Id),
  category: Type.Optional(Tag),
  lang: Type.Optional(Type.Enum(['uk', 'pl', 'en'])),
  drafts: Type.Optional(Type.Boolean({ description: 'Staff: include cards not published' })),
  status: Type.Optional(
    Type.Enum(['draft', 'published', 'withdrawn'], {
      description: 'Staff, with drafts=true: only this status',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
})
export type ServiceListQuery = Static<typeof ServiceListQuery>

export const VersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) })

export const HistoryEntry = Type.Object({
  version: Type.Integer(),
  author: Type.String(),
  at: Instant,
  changes: Type.Array(Type.String(), { description: 'The fields this version changed' }),
})

export const DiffQuery = Type.Object({
  from: Type.Integer({ minimum: 1, description: 'The older version' }),
  to: Type.Integer({ minimum: 1, description: 'The newer version' }),
})

export const CardDiff = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  changes: Type.Array(
    Type.Object({
      path: Type.String(),
      before: Type.Union([Type.String(), Type.Null()]),
      after: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
})
