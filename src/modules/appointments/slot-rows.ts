import type { Kysely } from 'kysely'
import { newId } from '../../platform/ids.js'
import { instantOf } from '../../platform/timezone.js'
import type { AppointmentTables, SlotRow } from './appointments.tables.js'

/** What opens slots on one office-local date: a form for one day, or a weekly template. */
export interface SlotPlan {
  officeId: string
  queueId: string
  date: string
  from: string
  to: string
  minutes: number
  capacity: number
  templateId: string | null
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number]
  return h * 60 + m
}
const hhmm = (t: number) =>
  `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`

/**
 * The slots a plan opens: one every `minutes` from `from` while a whole slot fits before `to`. A
 * time that does not exist that day (a clock change) opens none.
 */
export function slotRows(plan: SlotPlan, timezone: string): SlotRow[] {
  const rows: SlotRow[] = []
  for (let t = minutesOf(plan.from); t + plan.minutes <= minutesOf(plan.to); t += plan.minutes) {
    const at = instantOf(plan.date, hhmm(t), timezone)
    if (!at) continue
    rows.push({
      id: newId(),
      officeId: plan.officeId,
      queueId: plan.queueId,
      localDate: plan.date,
      localTime: hhmm(t),
      startAt: at.toISOString(),
      minutes: plan.minutes,
      capacity: plan.capacity,
      booked: 0,
      templateId: plan.templateId,
    })
  }
  return rows
}

/** Stores slots in one statement, keeping any a queue already has at that time; how many were new. */
export async function insertSlots(trx: Kysely<AppointmentTables>, rows: readonly SlotRow[]): Promise<number> {
  if (rows.length === 0) return 0
  const done = await trx
    .insertInto('slots')
    .values([...rows])
    .onConflict((oc) => oc.columns(['queueId', 'startAt']).doNothing())
    .executeTakeFirst()
  return Number(done.numInsertedOrUpdatedRows ?? 0n)
}
