import { createHmac } from 'node:crypto'
import { type ExpressionBuilder, type Kysely, sql } from 'kysely'
import type { AuditTrail } from '../../platform/audit-trail.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, withTables } from '../../platform/db/index.js'
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { localDateOf } from '../../platform/timezone.js'
import { type Actor, assertAllowed } from '../identity/index.js'
import { type QueueService, queuePolicy, type TicketDto } from '../queue/index.js'
import { appointmentsContext } from './appointments.context.js'
import type {
  AppointmentDto,
  AppointmentPolicy,
  BookingBody,
  CheckInBody,
  SlotDto,
  SlotsBody,
} from './appointments.schemas.js'
import type { AppointmentRow, AppointmentTables, SlotRow } from './appointments.tables.js'
import { codeCandidates, newBookingCode } from './booking-code.js'
import { calendarEvent, type VisitPlace } from './calendar-event.js'
import { insertSlots, slotRows } from './slot-rows.js'

export const DEFAULT_APPOINTMENT_POLICY: AppointmentPolicy = {
  earlyMinutes: 30,
  lateMinutes: 10,
  horizonDays: 14,
}
const MINUTE = 60_000

/** An unknown booking code: 404, said as such (not a malformed request). */
const noSuchCode = () =>
  new AppError('BOOKING_NOT_FOUND', 404, 'No booking has this code', 'Check the code in the confirmation.')

/** The booking is not one that can be used now: checked in already, cancelled. */
function notBookedNow(status: AppointmentRow['status']): AppError {
  if (status === 'cancelled')
    return conflict('BOOKING_CANCELLED', 'The booking was cancelled', 'Book again or take a ticket.')
  if (status === 'checked-in' || status === 'late')
    return conflict('ALREADY_CHECKED_IN', 'The booking is checked in already', 'Its ticket was issued.')
  return conflict('APPOINTMENT_STATE', `The booking is ${status}`)
}

/** A booking of an earlier day. */
const bookingExpired = (day: string) =>
  new AppError(
    'BOOKING_EXPIRED',
    409,
    'The booking was for an earlier day',
    'Book again or take a ticket.',
    undefined,
    undefined,
    { date: day },
  )

/** The booking a typed code names (look-alikes and codes of the earlier alphabet included). */
async function byCode(trx: Kysely<AppointmentTables>, typed: string): Promise<AppointmentRow | undefined> {
  const candidates = codeCandidates(typed)
  const rows = await trx.selectFrom('appointments').selectAll().where('code', 'in', candidates).execute()
  return candidates.map((c) => rows.find((r) => r.code === c)).find(Boolean)
}

export type AppointmentsService = ReturnType<typeof createAppointmentsService>

/** A slot's day is not one the centre closed to bookings (a place a cancellation frees stays shut). */
const noBookingsThatDay = (eb: ExpressionBuilder<AppointmentTables, 'slots'>) =>
  eb.not(
    eb.exists(
      eb
        .selectFrom('bookingExceptions')
        .select('bookingExceptions.officeId')
        .whereRef('bookingExceptions.officeId', '=', 'slots.officeId')
        .whereRef('bookingExceptions.localDate', '=', 'slots.localDate'),
    ),
  )

const toSlotDto = (r: SlotRow): SlotDto => ({
  id: r.id,
  queueId: r.queueId,
  date: r.localDate,
  time: r.localTime,
  start: r.startAt,
  minutes: r.minutes,
  capacity: r.capacity,
  free: r.capacity - r.booked,
})

const toDto = (r: AppointmentRow): AppointmentDto => ({
  id: r.id,
  code: r.code,
  officeId: r.officeId,
  queueId: r.queueId,
  start: r.startAt,
  minutes: r.minutes,
  status: r.status,
})

/** Bookings: slots per queue, booking by residents, check-in at the kiosk, no-shows released. */
export function createAppointmentsService(
  database: Db,
  clock: Clock,
  audit: AuditTrail,
  queue: QueueService,
  offices: {
    timezoneOf(officeId: string): Promise<string | null>
    /** Why the office is closed all that office-local date (a closure, a day off, its week), or null. */
    closedOn(officeId: string, date: string): Promise<string | null>
    /** The office's names, one-line address, language and timezone, for the calendar file. */
    placeOf(officeId: string): Promise<Omit<VisitPlace, 'queue'> | null>
  },
  publicUrl: string,
) {
  const db = withTables<AppointmentTables>(database)
  const context = appointmentsContext(audit, offices.timezoneOf)
  const zone = context.zone
  const record = (
    trx: Db,
    actor: Actor | null,
    action: string,
    officeId: string,
    id: string,
    summary: object,
  ) => context.record(trx, actor, 'appointment', { action, officeId, id, summary })

  async function policyOf(trx: typeof db, officeId: string): Promise<AppointmentPolicy> {
    const row = await trx
      .selectFrom('appointmentPolicies')
      .selectAll()
      .where('officeId', '=', officeId)
      .executeTakeFirst()
    return row
      ? { earlyMinutes: row.earlyMinutes, lateMinutes: row.lateMinutes, horizonDays: row.horizonDays }
      : DEFAULT_APPOINTMENT_POLICY
  }

  /** Asked of the queue module before the transaction: queues are never removed. */
  async function assertQueue(officeId: string, queueId: string, path: string) {
    if (!(await queue.isQueueOf(officeId, queueId)))
      throw invalid([{ path, message: 'is not a queue of this office' }])
  }

  let identifierKey: Promise<string> | null = null
  /** The keyed hash a personal number is kept as: letters and digits only, upper case. */
  async function identifierHash(trx: typeof db, identifier: string): Promise<string> {
    identifierKey ??= trx
      .selectFrom('serverKeys')
      .select('value')
      .where('name', '=', 'identifier-hmac')
      .executeTakeFirstOrThrow()
      .then((r) => r.value)
    const key = await identifierKey.catch((error) => {
      identifierKey = null
      throw error
    })
    return createHmac('sha256', key).update(identifier.replace(/[\s-]/g, '').toUpperCase()).digest('hex')
  }

  /** A booking no longer holds its place in the slot (cancelled, late, a no-show). */
  async function givePlaceBack(trx: typeof db, slotId: string) {
    await trx
      .updateTable('slots')
      .set((eb) => ({ booked: eb('booked', '-', 1) }))
      .where('id', '=', slotId)
      .execute()
  }

  /**
   * Bookings past their check-in window become no-shows and give their place back. Done on use (a
   * booking or check-in at the office) and every few minutes by a scheduled job; safe to repeat.
   */
  async function releaseNoShows(trx: typeof db, officeId: string): Promise<number> {
    const { lateMinutes } = await policyOf(trx, officeId)
    const cutoff = new Date(clock.now().getTime() - lateMinutes * MINUTE).toISOString()
    const missed = await trx
      .selectFrom('appointments')
      .select(['id', 'slotId'])
      .where('officeId', '=', officeId)
      .where('status', '=', 'booked')
      .where('startAt', '<', cutoff)
      .execute()
    let released = 0
    for (const m of missed) {
      // Still booked when it is our turn to write: a release running at the same moment (the job, a
      // booking at the office) must not give the same place back twice.
      const changed = await trx
        .updateTable('appointments')
        .set({ status: 'no-show' })
        .where('id', '=', m.id)
        .where('status', '=', 'booked')
        .executeTakeFirst()
      if (Number(changed.numUpdatedRows) === 0) continue
      await givePlaceBack(trx, m.slotId)
      released++
    }
    return released
  }

  return {
    /**
     * The scheduled job's work: missed bookings released (see releaseNoShows) in each office that has a
     * booking still open past its start, found across the network in one query (few offices of
     * thousands at any moment), each office in a transaction of its own.
     */
    async releaseMissed(): Promise<{ offices: number; released: number }> {
      const offices = await db
        .selectFrom('appointments')
        .select('officeId')
        .distinct()
        .where('status', '=', 'booked')
        .where('startAt', '<', clock.now().toISOString())
        .execute()
      let released = 0
      for (const { officeId } of offices)
        released += await db.transaction().execute((trx) => releaseNoShows(trx, officeId))
      return { offices: offices.length, released }
    },

    async getPolicy(officeId: string): Promise<AppointmentPolicy> {
      await zone(officeId)
      return policyOf(db, officeId)
    },

    async putPolicy(actor: Actor, officeId: string, body: AppointmentPolicy): Promise<AppointmentPolicy> {
      assertAllowed(actor, queuePolicy.manage, officeId)
      await zone(officeId)
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('appointmentPolicies')
          .values({ officeId, ...body, updatedAt: clock.now().toISOString() })
          .onConflict((oc) =>
            oc.column('officeId').doUpdateSet({ ...body, updatedAt: clock.now().toISOString() }),
          )
          .execute()
        await record(trx, actor, 'appointment.policy', officeId, officeId, body)
      })
      return body
    },

    /** Opens slots every `minutes` from `from` to `to` (office-local) on a date; existing ones are kept. */
    async createSlots(actor: Actor, officeId: string, body: SlotsBody): Promise<SlotDto[]> {
      assertAllowed(actor, queuePolicy.manage, officeId)
      const z = await zone(officeId)
      if (body.to <= body.from) throw invalid([{ path: 'body.to', message: 'must be after from' }])
      const closed = await offices.closedOn(officeId, body.date)
      if (closed) throw invalid([{ path: 'body.date', message: `is a day the office is closed (${closed})` }])
      const rows = slotRows({ ...body, officeId, templateId: null }, z)
      await assertQueue(officeId, body.queueId, 'body.queueId')
      await db.transaction().execute(async (trx) => {
        await insertSlots(trx, rows)
        await record(trx, actor, 'slots.create', officeId, body.queueId, { ...body, count: rows.length })
      })
      return this.freeSlots(officeId, body.queueId, body.date, true)
    },

    /**
     * Slots of a queue on a date that residents can still book: free, in the future and within the
     * office's booking horizon. `staffView` lists every future slot, full or beyond the horizon.
     */
    async freeSlots(officeId: string, queueId: string, date: string, staffView = false): Promise<SlotDto[]> {
      await zone(officeId)
      // Closed since its slots were opened (a closure, a day off the network decided): none to book.
      if (!staffView && (await offices.closedOn(officeId, date))) return []
      const now = clock.now()
      const rows = await db.transaction().execute(async (trx) => {
        await releaseNoShows(trx, officeId)
        const horizonEnd = new Date(
          now.getTime() + (await policyOf(trx, officeId)).horizonDays * 24 * 60 * MINUTE,
        ).toISOString()
        return trx
          .selectFrom('slots')
          .selectAll()
          .where('officeId', '=', officeId)
          .where('queueId', '=', queueId)
          .where('localDate', '=', date)
          .where('startAt', '>', now.toISOString())
          .$if(!staffView, (q) => q.where('startAt', '<=', horizonEnd).where(noBookingsThatDay))
          .orderBy('startAt')
          .execute()
      })
      return rows.filter((r) => staffView || r.booked < r.capacity).map(toSlotDto)
    },

    /**
     * The days a resident can book in a queue, with the free places of each: only days with a free
     * slot in the future, within the horizon, not closed since the slots were opened.
     */
    async freeDays(officeId: string, queueId: string): Promise<{ date: string; free: number }[]> {
      await zone(officeId)
      const now = clock.now()
      const rows = await db.transaction().execute(async (trx) => {
        await releaseNoShows(trx, officeId)
        const horizonEnd = new Date(
          now.getTime() + (await policyOf(trx, officeId)).horizonDays * 24 * 60 * MINUTE,
        ).toISOString()
        return trx
          .selectFrom('slots')
          .select((eb) => ['localDate', eb.fn.sum<number>(eb('capacity', '-', eb.ref('booked'))).as('free')])
          .where('officeId', '=', officeId)
          .where('queueId', '=', queueId)
          .where('startAt', '>', now.toISOString())
          .where('startAt', '<=', horizonEnd)
          .where((eb) => eb('booked', '<', eb.ref('capacity')))
          .where(noBookingsThatDay)
          .groupBy('localDate')
          .orderBy('localDate')
          .execute()
      })
      const days: { date: string; free: number }[] = []
      for (const r of rows)
        if (!(await offices.closedOn(officeId, r.localDate)))
          days.push({ date: r.localDate, free: Number(r.free) })
      return days
    },

    /** A resident books a free slot; the place is taken atomically (never above capacity). */
    async book(body: BookingBody): Promise<AppointmentDto> {
      const z = await zone(body.officeId)
      const now = clock.now()
      const start = new Date(body.start).toISOString()
      const closed = await offices.closedOn(body.officeId, localDateOf(new Date(start), z))
      if (closed) throw conflict('OFFICE_CLOSED', 'The office is closed that day', closed)
      await assertQueue(body.officeId, body.queueId, 'body.queueId')
      const row = await db.transaction().execute(async (trx) => {
        const policy = await policyOf(trx, body.officeId)
        if (start <= now.toISOString())
          throw invalid([{ path: 'body.start', message: 'is in the past', keyword: 'past' }])
        if (Date.parse(start) > now.getTime() + policy.horizonDays * 24 * 60 * MINUTE)
          throw invalid([
            {
              path: 'body.start',
              message: `is more than ${policy.horizonDays} days ahead`,
              keyword: 'horizon',
              limit: policy.horizonDays,
            },
          ])
        const slot = await trx
          .updateTable('slots')
          .set((eb) => ({ booked: eb('booked', '+', 1) }))
          .where('queueId', '=', body.queueId)
          .where('startAt', '=', start)
          .where((eb) => eb('booked', '<', eb.ref('capacity')))
          .where(noBookingsThatDay)
          .returningAll()
          .executeTakeFirst()
        if (!slot) {
          const exists = await trx
            .selectFrom('slots')
            .select('id')
            .where('queueId', '=', body.queueId)
            .where('startAt', '=', start)
            .executeTakeFirst()
          if (!exists)
            throw invalid([{ path: 'body.start', message: 'is not a slot of this queue', keyword: 'slot' }])
          throw conflict('SLOT_FULL', 'This time is fully booked', 'Choose another time.')
        }
        let code = ''
        for (let i = 0; i < 10 && !code; i++) {
          const candidate = newBookingCode()
          const taken = await trx
            .selectFrom('appointments')
            .select('id')
            .where('code', '=', candidate)
            .executeTakeFirst()
          if (!taken) code = candidate
        }
        const appointment: AppointmentRow = {
          id: newId(),
          officeId: body.officeId,
          queueId: body.queueId,
          slotId: slot.id,
          code,
          startAt: start,
          minutes: slot.minutes,
          name: body.name,
          email: body.email ?? null,
          phone: body.phone ?? null,
          status: 'booked',
          ticketId: null,
          createdAt: now.toISOString(),
          checkedInAt: null,
          identifierHash: body.identifier ? await identifierHash(trx, body.identifier) : null,
          lang: body.lang ?? null,
        }
        await trx.insertInto('appointments').values(appointment).execute()
        await record(trx, null, 'appointment.book', body.officeId, appointment.id, {
          start,
          localDate: localDateOf(new Date(start), z),
        })
        return appointment
      })
      return toDto(row)
    },

    async get(id: string): Promise<AppointmentRow> {
      const row = await db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) throw notFound('Appointment')
      return row
    },

    /** The booking as an iCalendar file in the resident's language (its id is the link given at booking). */
    async calendarFile(id: string): Promise<{ code: string; ics: string }> {
      const row = await this.get(id)
      const place = await offices.placeOf(row.officeId)
      if (!place) throw notFound('Appointment')
      const queueName = (await queue.listQueues(row.officeId)).find((q) => q.id === row.queueId)?.name ?? null
      const ics = calendarEvent(
        row,
        { ...place, queue: queueName },
        await policyOf(db, row.officeId),
        publicUrl,
      )
      return { code: row.code, ics }
    },

    /**
     * The bookings made with this e-mail address that are still to come, soonest first: a resident
     * whose address is confirmed (an e-mail link, an identity provider) sees them on their page.
     */
    async upcomingFor(email: string, limit = 20): Promise<(AppointmentDto & { name: string })[]> {
      const rows = await db
        .selectFrom('appointments')
        .selectAll()
        .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
        .where('startAt', '>=', clock.now().toISOString())
        .where('status', 'in', ['booked', 'checked-in', 'late'])
        .orderBy('startAt')
        .limit(limit)
        .execute()
      return rows.map((r) => ({ ...toDto(r), name: r.name }))
    },

    /** A booking by its code (look-alikes read as the alphabet's); 404 in words when none has it. */
    async findByCode(code: string): Promise<AppointmentDto> {
      const row = await byCode(db, code)
      if (!row) throw noSuchCode()
      return toDto(row)
    },

    /** Cancels by the booking code and gives the place back. */
    async cancel(code: string): Promise<AppointmentDto> {
      return db.transaction().execute(async (trx) => {
        const row = await byCode(trx, code)
        if (!row) throw noSuchCode()
        if (row.status !== 'booked') throw notBookedNow(row.status)
        await trx.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', row.id).execute()
        await givePlaceBack(trx, row.slotId)
        await record(trx, null, 'appointment.cancel', row.officeId, row.id, {})
        return toDto({ ...row, status: 'cancelled' })
      })
    },

    /**
     * Check-in at the office by the booking code, or by the personal number given at booking (today's
     * booking at this office). Within the window (early … late) the ticket is callable from the booked
     * time, before walk-ins; later, the person gets an ordinary walk-in ticket.
     */
    async checkIn(
      actor: Actor,
      officeId: string,
      by: CheckInBody,
    ): Promise<{ ticket: TicketDto; late: boolean }> {
      assertAllowed(actor, queuePolicy.issue, officeId)
      if ((by.code === undefined) === (by.identifier === undefined))
        throw invalid([{ path: 'body.code', message: 'give either the booking code or the personal number' }])
      const z = await zone(officeId)
      const now = clock.now()
      const row = await db.transaction().execute(async (trx) => {
        await releaseNoShows(trx, officeId)
        const found = by.code
          ? await byCode(trx, by.code)
          : (
              await trx
                .selectFrom('appointments')
                .selectAll()
                .where('officeId', '=', officeId)
                .where('identifierHash', '=', await identifierHash(trx, by.identifier!))
                .where('status', 'in', ['booked', 'no-show'])
                .orderBy('startAt')
                .execute()
            ).find((a) => localDateOf(new Date(a.startAt), z) === localDateOf(now, z))
        if (!found) throw noSuchCode()
        if (found.officeId !== officeId)
          throw new AppError(
            'BOOKING_AT_ANOTHER_OFFICE',
            409,
            'The booking is at another centre',
            'Check in at the centre the visit was booked at.',
            undefined,
            undefined,
            { officeId: found.officeId },
          )
        // Past its window a booking is a no-show (its place released); the person may still come that
        // day and gets an ordinary walk-in ticket.
        const day = localDateOf(new Date(found.startAt), z)
        const today = localDateOf(now, z)
        if (found.status === 'booked' && day < today) throw bookingExpired(day)
        if (found.status === 'no-show' && day !== today) throw bookingExpired(day)
        if (found.status !== 'booked' && found.status !== 'no-show') throw notBookedNow(found.status)
        const policy = await policyOf(trx, officeId)
        const opens = Date.parse(found.startAt) - policy.earlyMinutes * MINUTE
        if (now.getTime() < opens)
          throw new AppError(
            'TOO_EARLY',
            409,
            'Check-in is not open yet',
            `Check-in opens at ${new Date(opens).toISOString()}.`,
            undefined,
            undefined,
            { opensAt: new Date(opens).toISOString(), date: day, today },
          )
        const late = now.getTime() > Date.parse(found.startAt) + policy.lateMinutes * MINUTE
        await trx
          .updateTable('appointments')
          .set({ status: late ? 'late' : 'checked-in', checkedInAt: now.toISOString() })
          .where('id', '=', found.id)
          .execute()
        if (late && found.status === 'booked') await givePlaceBack(trx, found.slotId)
        await record(trx, actor, 'appointment.check-in', officeId, found.id, { late })
        // The ticket in the same transaction: a check-in never stays without its ticket.
        const ticket = await queue.issueTicket(
          actor,
          officeId,
          { queueId: found.queueId, purpose: 'submit' },
          {
            idempotencyKey: `appointment:${found.id}`,
            booking: late ? undefined : { appointmentId: found.id, callableFrom: found.startAt },
            uow: { trx, today: localDateOf(now, z) },
          },
        )
        await trx
          .updateTable('appointments')
          .set({ ticketId: ticket.id })
          .where('id', '=', found.id)
          .execute()
        return { ticket, late }
      })
      return row
    },
  }
}
