import type { AuditTrail } from '../../platform/audit-trail.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, withTables } from '../../platform/db/index.js'
import { invalid, notFound } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { localDateOf } from '../../platform/timezone.js'
import { type Actor, assertAllowed } from '../identity/index.js'
import { queuePolicy } from '../queue/index.js'
import { appointmentsContext } from './appointments.context.js'
import type { AppointmentTables, SlotTemplateRow } from './appointments.tables.js'
import { insertSlots, slotRows } from './slot-rows.js'
import type {
  BookingExceptionDto,
  DayBookingDto,
  SlotTemplateBody,
  SlotTemplateDto,
} from './slot-templates.schemas.js'

const DAY = 86_400_000

/** The ISO weekday of an office-local date: 1 is Monday, 7 is Sunday. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay() || 7
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10)

const toDto = (r: SlotTemplateRow): SlotTemplateDto => ({
  id: r.id,
  queueId: r.queueId,
  weekdays: r.weekdays.split(',').map(Number),
  from: r.fromTime,
  to: r.toTime,
  minutes: r.minutes,
  capacity: r.capacity,
  createdAt: r.createdAt,
})

export type SlotTemplatesService = ReturnType<typeof createSlotTemplatesService>

/**
 * Booking set-up of a centre: weekly templates per queue open slots over the booking horizon (now
 * and every night, as the horizon moves), days without bookings that templates skip, and the day's
 * bookings for the front desk.
 */
export function createSlotTemplatesService(
  database: Db,
  clock: Clock,
  audit: AuditTrail,
  deps: {
    isQueueOf(officeId: string, queueId: string): Promise<boolean>
    timezoneOf(officeId: string): Promise<string | null>
    closedOn(officeId: string, date: string): Promise<string | null>
    horizonDays(officeId: string): Promise<number>
  },
) {
  const db = withTables<AppointmentTables>(database)
  const context = appointmentsContext(audit, deps.timezoneOf)
  const zone = context.zone
  const record = (
    trx: Db,
    actor: Actor,
    action: string,
    officeId: string,
    id: string | null,
    summary: object,
  ) => context.record(trx, actor, 'slots', { action, officeId, id, summary })

  /**
   * The office-local dates from today over the horizon that the centre is open, with its time zone.
   * Asked before the transaction: the offices' calendar is read through its own connection.
   */
  async function openDays(officeId: string): Promise<{ zone: string; days: string[] }> {
    const z = await zone(officeId)
    const today = localDateOf(clock.now(), z)
    const horizon = await deps.horizonDays(officeId)
    const days: string[] = []
    for (let d = 0; d <= horizon; d++) {
      const date = addDays(today, d)
      if (!(await deps.closedOn(officeId, date))) days.push(date)
    }
    return { zone: z, days }
  }

  /** Opens the slots templates give on those days, but a day without bookings; kept slots stay. */
  async function open(
    trx: typeof db,
    officeId: string,
    templates: SlotTemplateRow[],
    plan: { zone: string; days: string[] },
  ): Promise<number> {
    if (templates.length === 0 || plan.days.length === 0) return 0
    const skipped = new Set(
      (
        await trx
          .selectFrom('bookingExceptions')
          .select('localDate')
          .where('officeId', '=', officeId)
          .where('localDate', '>=', plan.days[0] as string)
          .execute()
      ).map((r) => r.localDate),
    )
    const now = clock.now().toISOString()
    let opened = 0
    for (const date of plan.days) {
      if (skipped.has(date)) continue
      const weekday = isoWeekday(date)
      for (const t of templates.filter((x) => x.weekdays.split(',').map(Number).includes(weekday))) {
        const rows = slotRows(
          {
            officeId,
            queueId: t.queueId,
            date,
            from: t.fromTime,
            to: t.toTime,
            minutes: t.minutes,
            capacity: t.capacity,
            templateId: t.id,
          },
          plan.zone,
        ).filter((r) => r.startAt > now)
        opened += await insertSlots(trx, rows)
      }
    }
    return opened
  }

  const templatesOf = (trx: typeof db, officeId: string) =>
    trx
      .selectFrom('slotTemplates')
      .selectAll()
      .where('officeId', '=', officeId)
      .orderBy('createdAt')
      .execute()

  return {
    async listTemplates(actor: Actor, officeId: string): Promise<SlotTemplateDto[]> {
      assertAllowed(actor, queuePolicy.work, officeId)
      await zone(officeId)
      return (await templatesOf(db, officeId)).map(toDto)
    },

    /** Adds a weekly template and opens its slots over the horizon at once. */
    async addTemplate(
      actor: Actor,
      officeId: string,
      body: SlotTemplateBody,
    ): Promise<SlotTemplateDto & { opened: number }> {
      assertAllowed(actor, queuePolicy.manage, officeId)
      await zone(officeId)
      if (body.to <= body.from) throw invalid([{ path: 'body.to', message: 'must be after from' }])
      if (!(await deps.isQueueOf(officeId, body.queueId)))
        throw invalid([{ path: 'body.queueId', message: 'is not a queue of this office' }])
      const row: SlotTemplateRow = {
        id: newId(),
        officeId,
        queueId: body.queueId,
        weekdays: [...body.weekdays].sort().join(','),
        fromTime: body.from,
        toTime: body.to,
        minutes: body.minutes,
        capacity: body.capacity,
        createdAt: clock.now().toISOString(),
      }
      const plan = await openDays(officeId)
      const opened = await db.transaction().execute(async (trx) => {
        await trx.insertInto('slotTemplates').values(row).execute()
        const count = await open(trx, officeId, [row], plan)
        await record(trx, actor, 'slots.template-add', officeId, row.id, { ...body, opened: count })
        return count
      })
      return { ...toDto(row), opened }
    },

    /** Removes a template and its free future slots; slots someone booked stay, with their bookings. */
    async removeTemplate(actor: Actor, officeId: string, id: string): Promise<{ removedSlots: number }> {
      assertAllowed(actor, queuePolicy.manage, officeId)
      return db.transaction().execute(async (trx) => {
        const gone = await trx
          .deleteFrom('slotTemplates')
          .where('id', '=', id)
          .where('officeId', '=', officeId)
          .executeTakeFirst()
        if (Number(gone.numDeletedRows) === 0) throw notFound('Slot template')
        const removed = await trx
          .deleteFrom('slots')
          .where('templateId', '=', id)
          .where('booked', '=', 0)
          .where('startAt', '>', clock.now().toISOString())
          .where((eb) =>
            eb.not(
              eb.exists(
                eb.selectFrom('appointments').select('id').whereRef('appointments.slotId', '=', 'slots.id'),
              ),
            ),
          )
          .executeTakeFirst()
        const removedSlots = Number(removed.numDeletedRows)
        await record(trx, actor, 'slots.template-remove', officeId, id, { removedSlots })
        return { removedSlots }
      })
    },

    /** Opens what the templates give over the horizon (the nightly job, as the horizon moves on). */
    async openAhead(officeId: string): Promise<{ opened: number }> {
      const plan = await openDays(officeId)
      return db.transaction().execute(async (trx) => ({
        opened: await open(trx, officeId, await templatesOf(trx, officeId), plan),
      }))
    },

    async listExceptions(actor: Actor, officeId: string): Promise<BookingExceptionDto[]> {
      assertAllowed(actor, queuePolicy.work, officeId)
      const z = await zone(officeId)
      const rows = await db
        .selectFrom('bookingExceptions')
        .select(['localDate', 'reason'])
        .where('officeId', '=', officeId)
        .where('localDate', '>=', localDateOf(clock.now(), z))
        .orderBy('localDate')
        .execute()
      if (rows.length === 0) return []
      // The bookings of all those days in one query, counted per day.
      const counts = await db
        .selectFrom('appointments')
        .innerJoin('slots', 'slots.id', 'appointments.slotId')
        .select((eb) => ['slots.localDate', eb.fn.countAll<number>().as('n')])
        .where('slots.officeId', '=', officeId)
        .where(
          'slots.localDate',
          'in',
          rows.map((r) => r.localDate),
        )
        .where('appointments.status', 'in', ['booked', 'checked-in'])
        .groupBy('slots.localDate')
        .execute()
      const byDay = new Map(counts.map((c) => [c.localDate, Number(c.n)]))
      return rows.map((r) => ({ date: r.localDate, reason: r.reason, bookings: byDay.get(r.localDate) ?? 0 }))
    },

    /**
     * No bookings at the centre that day: its free slots close and templates skip it. Bookings
     * already made stay; the answer says how many, so staff can tell those residents.
     */
    async closeDay(
      actor: Actor,
      officeId: string,
      date: string,
      reason: string,
    ): Promise<BookingExceptionDto> {
      assertAllowed(actor, queuePolicy.manage, officeId)
      const z = await zone(officeId)
      if (date < localDateOf(clock.now(), z))
        throw invalid([{ path: 'params.date', message: 'is in the past' }])
      return db.transaction().execute(async (trx) => {
        await trx
          .insertInto('bookingExceptions')
          .values({ officeId, localDate: date, reason, createdAt: clock.now().toISOString() })
          .onConflict((oc) => oc.columns(['officeId', 'localDate']).doUpdateSet({ reason }))
          .execute()
        const removed = await trx
          .deleteFrom('slots')
          .where('officeId', '=', officeId)
          .where('localDate', '=', date)
          .where('booked', '=', 0)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb.selectFrom('appointments').select('id').whereRef('appointments.slotId', '=', 'slots.id'),
              ),
            ),
          )
          .executeTakeFirst()
        const bookings = await bookedOn(trx, officeId, date)
        await record(trx, actor, 'slots.day-closed', officeId, null, {
          date,
          reason,
          removedSlots: Number(removed.numDeletedRows),
          bookings,
        })
        return { date, reason, bookings }
      })
    },

    /** Bookings again that day: the exception goes and the templates open the day's slots. */
    async reopenDay(actor: Actor, officeId: string, date: string): Promise<{ opened: number }> {
      assertAllowed(actor, queuePolicy.manage, officeId)
      const plan = await openDays(officeId)
      return db.transaction().execute(async (trx) => {
        const gone = await trx
          .deleteFrom('bookingExceptions')
          .where('officeId', '=', officeId)
          .where('localDate', '=', date)
          .executeTakeFirst()
        if (Number(gone.numDeletedRows) === 0) throw notFound('Day without bookings')
        const opened = await open(trx, officeId, await templatesOf(trx, officeId), plan)
        await record(trx, actor, 'slots.day-reopened', officeId, null, { date, opened })
        return { opened }
      })
    },

    /** The day's bookings at the centre, by time: for the front desk to expect and to call. */
    async dayBookings(actor: Actor, officeId: string, date: string): Promise<DayBookingDto[]> {
      assertAllowed(actor, queuePolicy.work, officeId)
      await zone(officeId)
      const rows = await db
        .selectFrom('appointments')
        .innerJoin('slots', 'slots.id', 'appointments.slotId')
        .selectAll('appointments')
        .select('slots.localTime')
        .where('slots.officeId', '=', officeId)
        .where('slots.localDate', '=', date)
        .orderBy('appointments.startAt')
        .orderBy('appointments.code')
        .execute()
      return rows.map((r) => ({
        id: r.id,
        code: r.code,
        queueId: r.queueId,
        time: r.localTime,
        start: r.startAt,
        name: r.name,
        phone: r.phone,
        email: r.email,
        status: r.status,
      }))
    },
  }
}

async function bookedOn(trx: Db, officeId: string, date: string): Promise<number> {
  const row = await withTables<AppointmentTables>(trx)
    .selectFrom('appointments')
    .innerJoin('slots', 'slots.id', 'appointments.slotId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('slots.officeId', '=', officeId)
    .where('slots.localDate', '=', date)
    .where('appointments.status', 'in', ['booked', 'checked-in'])
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
