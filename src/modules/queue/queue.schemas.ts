import { type Static, Type } from 'typebox'
import { Id, Instant, LocalDate, MultilingualText } from '../../platform/http/schemas.js'

/** Priority categories every office knows; an office may add its own (e.g. `veteran`, `senior`). */
export const BASE_PRIORITIES = ['none', 'disability', 'pregnancy', 'small-child'] as const
const Category = Type.String({ pattern: '^[a-z][a-z0-9-]{1,31}$', description: 'A priority category' })

export const QueueBody = Type.Object(
  {
    prefix: Type.String({ pattern: '^[A-Z]{1,2}$', description: 'Letter(s) the numbers start with, e.g. A' }),
    name: MultilingualText,
    serviceIds: Type.Optional(Type.Array(Id, { maxItems: 200, description: 'Service cards it serves' })),
  },
  { additionalProperties: false },
)
export type QueueBody = Static<typeof QueueBody>

export const QueueDto = Type.Object({
  id: Id,
  officeId: Id,
  prefix: Type.String(),
  name: MultilingualText,
  serviceIds: Type.Array(Id),
})
export type QueueDto = Static<typeof QueueDto>

export const PolicyBody = Type.Object(
  {
    maxPriorityInRow: Type.Union([Type.Integer({ minimum: 1, maximum: 100 }), Type.Null()], {
      description: 'Priority calls in a row while normal tickets wait; null: no limit',
    }),
    maxWaitMinutes: Type.Union([Type.Integer({ minimum: 1, maximum: 1440 }), Type.Null()], {
      description: 'Minutes after which any ticket goes first; null: no cap',
    }),
    priorities: Type.Optional(
      Type.Array(Category, {
        maxItems: 20,
        description: 'Recognised categories; must include none, disability, pregnancy and small-child',
      }),
    ),
    reactivateWithinMinutes: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 600, description: 'How long a no-show may be reactivated' }),
    ),
  },
  { additionalProperties: false },
)
export type PolicyBody = Static<typeof PolicyBody>

export const PolicyDto = Type.Object({
  officeId: Id,
  maxPriorityInRow: Type.Union([Type.Integer(), Type.Null()]),
  maxWaitMinutes: Type.Union([Type.Integer(), Type.Null()]),
  priorities: Type.Array(Type.String()),
  reactivateWithinMinutes: Type.Integer(),
})
export type PolicyDto = Static<typeof PolicyDto>

const Weights = Type.Record(Type.String(), Type.Integer({ minimum: 1, maximum: 10 }), {
  description:
    'Per queue (by id, one of queueIds): how strongly this desk prefers it among walk-ins, 1–10 (default 1). Call-next compares waiting time × weight; with equal weights the oldest arrival goes first. Priority, maximum wait and due bookings come before weights.',
})

export const DeskBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    queueIds: Type.Optional(Type.Array(Id, { maxItems: 50, description: 'Queues this desk serves' })),
    weights: Type.Optional(Weights),
  },
  { additionalProperties: false },
)
export type DeskBody = Static<typeof DeskBody>
export const DeskQueuesBody = Type.Object(
  { queueIds: Type.Array(Id, { maxItems: 50 }), weights: Type.Optional(Weights) },
  { additionalProperties: false },
)
export type DeskQueuesBody = Static<typeof DeskQueuesBody>

export const DeskDto = Type.Object({
  id: Id,
  officeId: Id,
  name: Type.String(),
  queueIds: Type.Array(Id),
  weights: Type.Record(Type.String(), Type.Integer(), { description: 'The weight of each queue served' }),
  open: Type.Boolean(),
  clerk: Type.Union([Type.String(), Type.Null()], { description: 'Login of the clerk at the desk' }),
  currentTicketId: Type.Union([Id, Type.Null()]),
})
export type DeskDto = Static<typeof DeskDto>

export const TicketStatus = Type.Enum([
  'waiting',
  'called',
  'serving',
  'parked',
  'served',
  'no-show',
  'expired',
])
export type TicketStatus = Static<typeof TicketStatus>
export const Purpose = Type.Enum(['consultation', 'submit', 'collect'])
export const CallReason = Type.Enum(
  ['max-wait', 'priority', 'priority-limit', 'appointment', 'oldest', 'queue-weight', 'out-of-order'],
  {
    description:
      'Why call-next chose this ticket: max-wait (waited past the cap), priority (a priority category), priority-limit (a normal ticket after the allowed run of priority calls), appointment (a booking whose time has come), oldest (the longest-waiting arrival), queue-weight (the desk’s queue weights chose other than the oldest arrival), out-of-order (a clerk called this ticket by hand)',
  },
)

export const TicketBody = Type.Object(
  {
    queueId: Id,
    priority: Type.Optional(Category),
    purpose: Type.Optional(Purpose),
    serviceId: Type.Optional(Id),
  },
  { additionalProperties: false },
)
export type TicketBody = Static<typeof TicketBody>

export const TicketDto = Type.Object({
  id: Id,
  officeId: Id,
  number: Type.String({ description: 'As shown and called, e.g. A007' }),
  queueId: Id,
  status: TicketStatus,
  priority: Type.String(),
  purpose: Type.Optional(Purpose),
  serviceId: Type.Optional(Id),
  channel: Type.Enum(['kiosk', 'staff', 'booking']),
  localDate: Type.String({ description: 'The office-local day the number belongs to' }),
  issuedAt: Instant,
  arrivedAt: Instant,
  calledAt: Type.Optional(Instant),
  startedAt: Type.Optional(Instant),
  finishedAt: Type.Optional(Instant),
  deskId: Type.Optional(Id),
  deskName: Type.Optional(Type.String()),
  recallCount: Type.Integer(),
  transferCount: Type.Integer(),
  peopleAhead: Type.Optional(Type.Integer({ description: 'While waiting' })),
  estimatedWaitMinutes: Type.Optional(Type.Integer({ description: 'While waiting' })),
  reason: Type.Optional(CallReason),
  topic: Type.Optional(Type.String()),
  closed: Type.Optional(
    Type.Object(
      {
        id: Id,
        number: Type.String(),
        status: Type.Enum(['served', 'no-show']),
      },
      {
        description:
          'On a call: the ticket that was at the desk and this call closed (served if its service had started, otherwise a no-show)',
      },
    ),
  ),
})
export type TicketDto = Static<typeof TicketDto>

export const TicketActionDto = Type.Object({
  at: Instant,
  action: Type.String({
    description: 'issue, call, recall, start, finish, no-show, park, resume, reactivate, transfer',
  }),
  by: Type.Union([Type.String(), Type.Null()], { description: 'The login of who did it (null: the system)' }),
  details: Type.Record(Type.String(), Type.Unknown(), {
    description: 'What the step recorded: the number, the desk, the reason of a call, the states from and to',
  }),
})
export type TicketActionDto = Static<typeof TicketActionDto>

export const TransferBody = Type.Object(
  {
    queueId: Id,
    deskId: Type.Optional(Id),
  },
  { additionalProperties: false },
)
export const FinishBody = Type.Object(
  { topic: Type.Optional(Type.String({ maxLength: 200, description: 'Consultation topic' })) },
  { additionalProperties: false },
)

export const BoardDto = Type.Object({
  officeId: Id,
  called: Type.Array(
    Type.Object({
      number: Type.String(),
      deskName: Type.String(),
      calledAt: Instant,
      recallCount: Type.Integer(),
    }),
  ),
  queues: Type.Array(
    Type.Object({
      prefix: Type.String(),
      name: MultilingualText,
      waiting: Type.Integer(),
      estimatedWaitMinutes: Type.Integer(),
    }),
  ),
})
export type BoardDto = Static<typeof BoardDto>

export const QueueStatsQuery = Type.Object(
  {
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
  },
  {
    additionalProperties: false,
    description: 'Office-local days, both included; default today; at most 31 days',
  },
)
export type QueueStatsQuery = Static<typeof QueueStatsQuery>

const Minutes = Type.Union([Type.Number(), Type.Null()])
export const QueueStatsDto = Type.Object({
  officeId: Id,
  from: Type.String(),
  to: Type.String(),
  queues: Type.Array(
    Type.Object({
      queueId: Id,
      prefix: Type.String(),
      issued: Type.Integer(),
      served: Type.Integer(),
      noShow: Type.Integer(),
      expired: Type.Integer(),
      /** Still waiting, at a desk or parked (today only). */
      open: Type.Integer(),
      averageWaitMinutes: Type.Union([Type.Number(), Type.Null()], {
        description: 'Arrival to first call, over called tickets',
      }),
      averageServiceMinutes: Type.Union([Type.Number(), Type.Null()], {
        description: 'Call to finish, over served tickets',
      }),
      estimates: Type.Object(
        {
          measured: Type.Integer({ description: 'Called tickets that were told an estimate at issue' }),
          meanAbsoluteErrorMinutes: Minutes,
          withinFiveMinutes: Type.Union([Type.Number(), Type.Null()], {
            description: 'Share (0–1) of waits within 5 minutes of the estimate',
          }),
          underestimated: Type.Union([Type.Number(), Type.Null()], {
            description: 'Share (0–1) of residents who waited more than they were told',
          }),
        },
        { description: 'How good the wait estimates given at issue were' },
      ),
    }),
  ),
})
export type QueueStatsDto = Static<typeof QueueStatsDto>
