import { type Static, Type } from 'typebox'
import { Id, Instant, LocalDate, MultilingualText } from '../../platform/http/schemas.js'
import { LANGUAGES } from '../../platform/i18n/index.js'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Local time HH:MM' })
/** One span of opening: from and to, office-local. */
export const OpeningSpan = Type.Object({ from: Time, to: Time }, { additionalProperties: false })
/** Opening hours per weekday; a missing or empty day is closed. */
const Day = Type.Optional(Type.Array(OpeningSpan, { maxItems: 6 }))
export const OpeningHours = Type.Object(
  { mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day },
  { additionalProperties: false },
)
export type OpeningHours = Static<typeof OpeningHours>

export const Address = Type.Object(
  {
    street: Type.String({ minLength: 1, maxLength: 200 }),
    postcode: Type.String({ maxLength: 20 }),
    city: Type.String({ minLength: 1, maxLength: 100 }),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
  },
  { additionalProperties: false },
)

export const Contact = Type.Object(
  {
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  },
  { additionalProperties: false },
)

export const OfficeStatus = Type.Enum(['active', 'inactive'])
export type OfficeStatus = Static<typeof OfficeStatus>

export const OfficeDto = Type.Object({
  id: Id,
  code: Type.String(),
  name: MultilingualText,
  address: Address,
  timezone: Type.String({ description: 'IANA timezone, e.g. Europe/Kyiv' }),
  defaultLanguage: Type.Enum(LANGUAGES),
  openingHours: OpeningHours,
  contact: Contact,
  status: OfficeStatus,
  version: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
})
export type OfficeDto = Static<typeof OfficeDto>

export const UnitDto = Type.Object({ id: Id, officeId: Id, code: Type.String(), name: MultilingualText })
export type UnitDto = Static<typeof UnitDto>

export const DeskDto = Type.Object({ id: Id, officeId: Id, name: Type.String() })
export type DeskDto = Static<typeof DeskDto>

const Code = Type.String({
  pattern: '^[A-Z0-9][A-Z0-9-]{1,31}$',
  description: 'Stable office code, e.g. LVIV-CNAP',
})
const Timezone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA timezone, e.g. Europe/Kyiv' })

export const CreateOfficeBody = Type.Object(
  {
    code: Code,
    name: MultilingualText,
    address: Address,
    timezone: Timezone,
    defaultLanguage: Type.Enum(LANGUAGES),
    openingHours: Type.Optional(OpeningHours),
    contact: Type.Optional(Contact),
  },
  { additionalProperties: false },
)
export type CreateOfficeBody = Static<typeof CreateOfficeBody>

export const UpdateOfficeBody = Type.Object(
  {
    name: Type.Optional(MultilingualText),
    address: Type.Optional(Address),
    timezone: Type.Optional(Timezone),
    defaultLanguage: Type.Optional(Type.Enum(LANGUAGES)),
    openingHours: Type.Optional(OpeningHours),
    contact: Type.Optional(Contact),
    status: Type.Optional(OfficeStatus),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateOfficeBody = Static<typeof UpdateOfficeBody>

export const UnitBody = Type.Object(
  {
    code: Type.String({
      minLength: 1,
      maxLength: 12,
      description: 'Letters and digits with at least one letter: OR, B2, A1c, 11d',
    }),
    name: MultilingualText,
  },
  { additionalProperties: false },
)
export type UnitBody = Static<typeof UnitBody>

export const DeskBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
)

export const DateParams = Type.Object({ id: Id, date: LocalDate })
export const HoursExceptionBody = Type.Object(
  {
    hours: Type.Array(OpeningSpan, { maxItems: 6, description: 'Empty: closed all day' }),
    reason: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
)
export const HoursExceptionDto = Type.Object({
  date: LocalDate,
  hours: Type.Array(OpeningSpan),
  reason: Type.String(),
})
export type HoursExceptionDto = Static<typeof HoursExceptionDto>
