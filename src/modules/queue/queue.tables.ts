import type { Selectable } from 'kysely'
import { Type } from 'typebox'
import { MultilingualText } from '../../platform/http/schemas.js'
import { jsonColumn } from '../../platform/json-column.js'
import type { TicketStatus } from './queue.schemas.js'

export interface QueuesTable {
  id: string
  officeId: string
  prefix: string
  /** Multilingual name as JSON. */
  name: string
  /** JSON array of service card ids this queue serves. */
  serviceIds: string
  createdAt: string
}

export interface QueuePoliciesTable {
  officeId: string
  maxPriorityInRow: number | null
  maxWaitMinutes: number | null
  /** JSON array of the priority categories the office recognises (always with `none`). */
  priorities: string
  reactivateWithinMinutes: number
  lockSeq: number
  updatedAt: string
}

export interface DeskStatesTable {
  deskId: string
  officeId: string
  clerkId: string | null
  clerkLogin: string | null
  openedAt: string | null
  currentTicketId: string | null
  priorityStreak: number
}

export interface TicketsTable {
  id: string
  officeId: string
  queueId: string
  numberQueueId: string
  localDate: string
  number: number
  display: string
  status: TicketStatus
  priority: string
  purpose: string | null
  serviceId: string | null
  channel: string
  appointmentId: string | null
  callableFrom: string | null
  arrivedAt: string
  issuedAt: string
  calledAt: string | null
  startedAt: string | null
  finishedAt: string | null
  noShowAt: string | null
  deskId: string | null
  clerkId: string | null
  reservedDeskId: string | null
  recallCount: number
  transferCount: number
  calledOutOfOrder: number
  topic: string | null
  idempotencyKey: string | null
  estimatedWaitMinutes: number | null
}

export interface QueueTables {
  queues: QueuesTable
  queuePolicies: QueuePoliciesTable
  deskQueues: { deskId: string; queueId: string; weight: number }
  deskStates: DeskStatesTable
  tickets: TicketsTable
}

export type QueueRow = Selectable<QueuesTable>
export type PolicyRow = Selectable<QueuePoliciesTable>
export type DeskStateRow = Selectable<DeskStatesTable>
export type TicketRow = Selectable<TicketsTable>

/** The queue's JSON columns, read with their schemas. */
export const stored = {
  queueName: jsonColumn('queue name', MultilingualText),
  serviceIds: jsonColumn('queue services', Type.Array(Type.String())),
  priorities: jsonColumn('queue policy priorities', Type.Array(Type.String())),
}
