import { type Static, Type } from 'typebox'
import { Id, Instant, LocalDate } from '../../platform/http/schemas.js'

export const ClassDto = Type.Object({
  symbol: Type.String(),
  title: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
  category: Type.Union([Type.String(), Type.Null()], {
    description: 'Archival category (A, B<n>, Bc, BE<n>): its own or inherited from the class above',
  }),
  ownCategory: Type.Union([Type.String(), Type.Null()]),
  leaf: Type.Boolean({ description: 'Only leaf classes take cases' }),
})
export type ClassDto = Static<typeof ClassDto>

export const ClassificationDto = Type.Object({
  id: Id,
  officeId: Id,
  adoptedOn: LocalDate,
  classes: Type.Integer(),
  importedAt: Instant,
  importedBy: Type.String(),
})
export type ClassificationDto = Static<typeof ClassificationDto>

const ClassChange = Type.Object({
  symbol: Type.String(),
  title: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
})
export const ClassificationChanges = Type.Object(
  {
    added: Type.Array(ClassChange),
    removed: Type.Array(ClassChange),
    changed: Type.Array(Type.Object({ symbol: Type.String(), from: ClassChange, to: ClassChange })),
  },
  { description: 'What the file changes against the version in force on its adoption date' },
)

export const ImportResultDto = Type.Object({
  id: Type.Union([Id, Type.Null()], { description: 'null for a dry run: nothing was stored' }),
  officeId: Id,
  adoptedOn: LocalDate,
  classes: Type.Integer(),
  changes: ClassificationChanges,
})
export type ImportResultDto = Static<typeof ImportResultDto>

export const ImportQuery = Type.Object(
  {
    adoptedOn: LocalDate,
    dryRun: Type.Optional(Type.Boolean({ description: 'Only show what would change', default: false })),
  },
  { additionalProperties: false },
)
export const ImportBody = Type.String({
  maxLength: 5_000_000,
  description: 'UTF-8 CSV, `;`-separated: symbol;title;category;parent (a header line is allowed)',
})

export const ClassesQuery = Type.Object(
  {
    parent: Type.Optional(
      Type.String({
        maxLength: 20,
        description: 'Children of this class; empty: the top classes; absent: all',
      }),
    ),
  },
  { additionalProperties: false },
)
export const ClassificationParams = Type.Object({ id: Id })
export const OfficeParams = Type.Object({ officeId: Id })
