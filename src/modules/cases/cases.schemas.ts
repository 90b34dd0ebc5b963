import { type Static, Type } from 'typebox'
import { Id, Instant, LocalDate } from '../../platform/http/schemas.js'
import { DueStepSchema, STATUTORY_TERM_CODES } from '../deadlines/index.js'
import { CASE_STATUSES } from './case-transitions.js'

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength })
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])

/** A party to the case: the applicant, a participant, another authority. */
export const Party = Type.Object(
  {
    kind: Type.Enum(['person', 'organisation']),
    name: Text(300),
    role: Type.Optional(Type.Enum(['applicant', 'party', 'participant', 'authority'], { default: 'party' })),
    address: Type.Optional(Nullable(Text(500))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
  },
  { additionalProperties: false },
)
export type Party = Static<typeof Party>

/** How a case gets its term: from the card it is opened for, a statutory term, or by hand with a reason. */
export const TermFields = {
  serviceId: Type.Optional(
    Nullable(
      Type.String({
        format: 'uuid',
        description: 'The service card the case is for: its processing time is the term unless one is chosen',
      }),
    ),
  ),
  statutoryTerm: Type.Optional(
    Nullable(
      Type.Enum(STATUTORY_TERM_CODES, {
        description: 'A term the law sets (GET /api/v1/deadlines/terms), of the office country',
      }),
    ),
  ),
  term: Type.Optional(
    Nullable(
      Type.String({
        pattern: '^P[1-9][0-9]{0,3}[DWM]$',
        description:
          'A term set by hand, ISO 8601 in days, weeks or months (P14D, P2W, P1M); needs termReason',
      }),
    ),
  ),
  termReason: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))),
}

export const OpenCaseBody = Type.Object(
  {
    officeId: Id,
    unitId: Id,
    symbol: Type.String({
      minLength: 1,
      maxLength: 20,
      description: 'A leaf class of the classification in force',
    }),
    title: Text(500),
    startedOn: Type.Optional(LocalDate),
    incomingIds: Type.Optional(
      Type.Array(Id, {
        maxItems: 50,
        uniqueItems: true,
        description: 'Incoming letters that start the case',
      }),
    ),
    parties: Type.Optional(Type.Array(Party, { maxItems: 50 })),
    assigneeId: Type.Optional(Nullable(Id)),
    ...TermFields,
  },
  { additionalProperties: false },
)
export type OpenCaseBody = Static<typeof OpenCaseBody>

export const SubcaseBody = Type.Object(
  {
    title: Text(500),
    assigneeId: Type.Optional(Nullable(Id)),
    parties: Type.Optional(Type.Array(Party, { maxItems: 50 })),
  },
  { additionalProperties: false },
)
export type SubcaseBody = Static<typeof SubcaseBody>

export const StepBody = Type.Object(
  {
    reason: Type.Optional(Text(2000)),
    assigneeId: Type.Optional(Id),
  },
  { additionalProperties: false },
)
export type StepBody = Static<typeof StepBody>

export const CaseDto = Type.Object({
  id: Id,
  officeId: Id,
  unitId: Id,
  sign: Type.String({ description: 'OR.0152.1.2025' }),
  symbol: Type.String(),
  category: Type.String({ description: 'Archival category, from the class' }),
  classificationId: Id,
  year: Type.Integer(),
  number: Type.Integer(),
  parentId: Nullable(Id),
  title: Type.String(),
  status: Type.Enum(CASE_STATUSES),
  startedOn: LocalDate,
  closedOn: Nullable(LocalDate),
  assigneeId: Nullable(Id),
  parties: Type.Array(Party),
  serviceId: Nullable(Id),
  term: Nullable(Type.String({ description: 'ISO 8601: P1M, P14D' })),
  termSource: Nullable(Type.Enum(['card', 'statutory', 'manual'])),
  termBasis: Nullable(
    Type.String({ description: "The card's code, the statutory term's code, or why it was set by hand" }),
  ),
  dueOn: Nullable(LocalDate),
  dueSteps: Type.Array(DueStepSchema, { description: 'How the due date was reached' }),
  suspendedOn: Nullable(
    Type.String({ format: 'date', description: 'The day its clock stopped, while suspended' }),
  ),
  suspendedDays: Type.Integer({ description: 'Days of past suspensions added to the term (KPA art. 35 §5)' }),
  noticeDueOn: Nullable(
    Type.String({ format: 'date', description: 'The new date a dispatched KPA art. 36 notice set' }),
  ),
  disposal: Nullable(
    Type.Enum(['destroyed', 'transferred'], {
      description: 'What became of its records when their time came; null while kept',
    }),
  ),
  disposedOn: Nullable(LocalDate),
  disposalReference: Nullable(
    Type.String({ description: 'The destruction list or the archive’s reference' }),
  ),
  incomingIds: Type.Array(Id, { description: 'Incoming letters of the case' }),
  outgoingIds: Type.Array(Id, { description: 'Outgoing letters of the case (its replies, decisions sent)' }),
  next: Type.Array(Type.String(), { description: 'The steps its state allows now' }),
  version: Type.Integer(),
  createdAt: Instant,
  createdBy: Type.String(),
  updatedAt: Instant,
})
export type CaseDto = Static<typeof CaseDto>

export const CaseParams = Type.Object({ id: Id })
export const OfficeParams = Type.Object({ officeId: Id })
export const InTrayQuery = Type.Object(
  {
    officeId: Type.Optional(Id),
    unitId: Type.Optional(Id),
    assignedTo: Type.Optional(Type.Literal('me')),
    status: Type.Optional(Type.Enum(CASE_STATUSES)),
    awaitingMyApproval: Type.Optional(Type.Boolean()),
    letterId: Type.Optional(
      Type.String({ format: 'uuid', description: 'Only the cases this letter is linked to (any office)' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)
export type InTrayQuery = Static<typeof InTrayQuery>

export const CaseRegisterQuery = Type.Object(
  {
    unitId: Id,
    symbol: Type.String({ minLength: 1, maxLength: 20 }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    format: Type.Optional(Type.Enum(['json', 'csv', 'pdf'], { default: 'json' })),
  },
  { additionalProperties: false },
)
export type CaseRegisterQuery = Static<typeof CaseRegisterQuery>

export const CaseHistoryDto = Type.Object({
  items: Type.Array(
    Type.Object({
      at: Instant,
      action: Type.String(),
      actor: Nullable(Type.String()),
      summary: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
})

export const DueListQuery = Type.Object(
  {
    officeId: Id,
    unitId: Type.Optional(Id),
    assignedTo: Type.Optional(Type.Literal('me')),
    assigneeId: Type.Optional(
      Type.String({ format: 'uuid', description: "One officer's cases (a head looking at their unit)" }),
    ),
    within: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 30, default: 3, description: 'Working days ahead: 3 unless told' }),
    ),
  },
  { additionalProperties: false },
)
export type DueListQuery = Static<typeof DueListQuery>

export const DueListDto = Type.Object({
  officeId: Id,
  today: LocalDate,
  horizon: Type.String({ format: 'date', description: 'The last day counted as due soon' }),
  counts: Type.Object({ overdue: Type.Integer(), dueSoon: Type.Integer() }),
  items: Type.Array(
    Type.Object({
      id: Id,
      sign: Type.String(),
      title: Type.String(),
      status: Type.Enum(CASE_STATUSES),
      unitId: Id,
      assigneeId: Nullable(Id),
      term: Nullable(Type.String()),
      dueOn: LocalDate,
      state: Type.Enum(['overdue', 'due-today', 'due-soon']),
      overdueDays: Type.Integer({ description: 'Calendar days past the due date; 0 when not late' }),
    }),
  ),
})
export type DueListDto = Static<typeof DueListDto>

export const DueCountsDto = Type.Object({
  items: Type.Array(
    Type.Object({
      officeId: Id,
      code: Type.String(),
      name: Type.Record(Type.String(), Type.String()),
      today: LocalDate,
      horizon: LocalDate,
      overdue: Type.Integer(),
      dueSoon: Type.Integer(),
    }),
  ),
})
export type DueCountsDto = Static<typeof DueCountsDto>

export const DelayNoticeBody = Type.Object(
  {
    reason: Text(2000),
    newDueOn: Type.String({ format: 'date', description: 'The new date the case will be settled by' }),
  },
  { additionalProperties: false },
)
export type DelayNoticeBody = Static<typeof DelayNoticeBody>

export const DispatchNoticeBody = Type.Object(
  { dispatchedOn: Type.Optional(LocalDate) },
  { additionalProperties: false },
)
export type DispatchNoticeBody = Static<typeof DispatchNoticeBody>

export const DelayNoticeDto = Type.Object({
  id: Id,
  caseId: Id,
  documentId: Type.String({ format: 'uuid', description: 'The notice as a PDF document of the case file' }),
  reason: Type.String(),
  newDueOn: LocalDate,
  createdAt: Instant,
  createdBy: Type.String(),
  dispatchedOn: Nullable(LocalDate),
  dispatchedBy: Nullable(Type.String()),
})
export type DelayNoticeDto = Static<typeof DelayNoticeDto>
export const NoticeParams = Type.Object({ id: Id, noticeId: Id })

/** A change of a case's term alone (the case page's form; the API's PATCH takes the same fields). */
export const EditTermBody = Type.Object(TermFields, { additionalProperties: false })
