import type { AuditTrail } from '../../platform/audit-trail.js'
import { TtlCache } from '../../platform/cache.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, inTransaction, rethrowUnique, withTables } from '../../platform/db/index.js'
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js'
import type { EventBus } from '../../platform/events.js'
import type { MultilingualText } from '../../platform/i18n/index.js'
import { newId } from '../../platform/ids.js'
import { toJsonColumn } from '../../platform/json-column.js'
import { isValidTimezone } from '../../platform/timezone.js'
import { type Actor, ANY_OFFICE, assertAllowed, auditRecordBy, officesVisibleTo } from '../identity/index.js'
import { officesPolicy } from './offices.policy.js'
import * as repo from './offices.repository.js'
import {
  type CreateOfficeBody,
  type DeskDto,
  type HoursExceptionDto,
  type OfficeDto,
  type OpeningHours,
  type UnitBody,
  type UnitDto,
  type UpdateOfficeBody,
  WEEKDAYS,
  type Weekday,
} from './offices.schemas.js'
import { type OfficeRow, type OfficesTables, stored, type UnitRow } from './offices.tables.js'
import { isValidUnitCode } from './unit-code.js'

/** Events the offices module publishes after its changes commit. */
const officeCodeTaken = (code: string) =>
  conflict('OFFICE_CODE_TAKEN', 'This office code is taken', `An office ${code} exists.`)
const unitCodeTaken = (code: string) =>
  conflict(
    'UNIT_CODE_TAKEN',
    'This unit code is taken in this office',
    `A unit ${code} exists in this office.`,
  )
/** A desk's name is unique in its office; the queue module creates desks in its own transaction too. */
export const deskNameTaken = () => conflict('DESK_NAME_TAKEN', 'A desk of this name exists in this office')

export const OFFICE_EVENTS = { created: 'office.created', updated: 'office.updated' } as const

declare module '../../platform/events.js' {
  interface EventMap {
    'office.created': { officeId: string }
    'office.updated': { officeId: string }
  }
}

export type OfficesService = ReturnType<typeof createOfficesService>

/** The network calendar as offices read it (the calendar module): days off of a country. */
export interface DaysOff {
  daysOffBetween(country: string, from: string, to: string): Promise<{ date: string; name: string }[]>
}

/** A date on which an office is closed although its week would have it open, and why. */
export interface Closure {
  date: string
  reason: string
}

export function createOfficesService(
  database: Db,
  clock: Clock,
  bus: EventBus,
  audit: AuditTrail,
  calendar: DaysOff,
) {
  const db = withTables<OfficesTables>(database)
  // Every public page lists the offices; they change a few times a year.
  const publicOffices = new TtlCache<OfficeDto[]>({ ttlMs: 10_000, maxEntries: 1, clock })
  const exceptions = new TtlCache<HoursExceptionDto[]>({ ttlMs: 10_000, maxEntries: 1_000, clock })
  const exceptionsOf = (officeId: string) =>
    exceptions.getOrLoad(officeId, async () =>
      (await repo.listHoursExceptions(db, officeId)).map((r) => ({
        date: r.date,
        hours: stored.exceptionHours(r.hours),
        reason: r.reason,
      })),
    )

  const record = (
    trx: Db,
    actor: Actor,
    action: string,
    officeId: string,
    subjectType: string,
    subjectId: string,
    summary: Record<string, unknown>,
  ) => audit.record(trx, auditRecordBy(actor, { action, officeId, subjectType, subjectId, summary }))

  async function changed(type: string, officeId: string) {
    publicOffices.clear()
    exceptions.clear()
    await bus.publish({ type, payload: { officeId }, at: clock.now().toISOString() })
  }

  const activeOffices = () =>
    publicOffices.getOrLoad('all', async () => {
      const rows = await repo.listOfficeRows(db, {})
      return rows.filter((r) => r.status === 'active').map(toOfficeDto)
    })

  /**
   * What an office's days are made of: the office (from the cache of active offices, asked on every
   * booking, or read when inactive) and its own dated exceptions.
   */
  async function daysOf(officeId: string) {
    const office =
      (await activeOffices()).find((o) => o.id === officeId) ?? toOfficeDto(await mustExist(officeId))
    return { office, exceptions: await exceptionsOf(officeId) }
  }

  async function mustExist(id: string, from: typeof db = db): Promise<OfficeRow> {
    const row = await repo.findOfficeRow(from, id)
    if (!row) throw notFound('Office')
    return row
  }

  function checkTimezone(zone: string | undefined) {
    if (zone !== undefined && !isValidTimezone(zone))
      throw invalid([{ path: 'body.timezone', message: 'is not an IANA timezone such as Europe/Kyiv' }])
  }

  function checkUnitCode(code: string) {
    if (!isValidUnitCode(code)) {
      throw invalid([
        {
          path: 'body.code',
          message: 'must be letters and digits with at least one letter (OR, B2, A1c, 11d)',
          keyword: 'pattern',
        },
      ])
    }
  }

  return {
    async listOffices(actor: Actor): Promise<OfficeDto[]> {
      assertAllowed(actor, officesPolicy.read, ANY_OFFICE)
      const rows = await repo.listOfficeRows(db, {
        ids: officesVisibleTo(actor, officesPolicy.read) ?? undefined,
      })
      return rows.map(toOfficeDto)
    },

    async getOffice(actor: Actor, id: string): Promise<OfficeDto> {
      assertAllowed(actor, officesPolicy.read, id)
      return toOfficeDto(await mustExist(id))
    },

    /** Offices as the public sees them: active ones only, no actor needed. */
    async listPublicOffices(): Promise<OfficeDto[]> {
      return activeOffices()
    },

    /** One active office by its id (public screens, the calendar file, a device's landing page). */
    async publicOffice(id: string): Promise<OfficeDto | undefined> {
      return (await activeOffices()).find((o) => o.id === id)
    },

    /** An office for another module's use case (its code, time zone), active or not; no actor needed. */
    async officeById(id: string): Promise<OfficeDto | undefined> {
      const active = (await activeOffices()).find((o) => o.id === id)
      if (active) return active
      const row = await repo.findOfficeRow(db, id)
      return row && toOfficeDto(row)
    },

    async countOffices(): Promise<number> {
      return repo.countOffices(db)
    },

    async officeExists(id: string): Promise<boolean> {
      return repo.officeExists(db, id)
    },

    async createOffice(actor: Actor, input: CreateOfficeBody): Promise<OfficeDto> {
      assertAllowed(actor, officesPolicy.create, ANY_OFFICE)
      checkTimezone(input.timezone)
      const now = clock.now().toISOString()
      const id = newId()
      await db
        .transaction()
        .execute(async (trx) => {
          if (await repo.findOfficeByCode(trx, input.code)) {
            throw officeCodeTaken(input.code)
          }
          await repo.insertOffice(trx, {
            id,
            code: input.code,
            name: toJsonColumn(input.name),
            address: toJsonColumn(input.address),
            timezone: input.timezone,
            defaultLanguage: input.defaultLanguage,
            openingHours: toJsonColumn(input.openingHours ?? {}),
            contact: toJsonColumn(input.contact ?? {}),
            status: 'active',
            version: 1,
            createdAt: now,
            updatedAt: now,
          })
          await record(trx, actor, 'office.create', id, 'office', id, { ...input })
        })
        .catch(rethrowUnique(() => officeCodeTaken(input.code)))
      await changed(OFFICE_EVENTS.created, id)
      return toOfficeDto(await mustExist(id))
    },

    /** Changes an office; `ifMatch` (the version) refuses a lost update with 412. */
    async updateOffice(
      actor: Actor,
      id: string,
      patch: UpdateOfficeBody,
      ifMatch?: number,
    ): Promise<OfficeDto> {
      assertAllowed(actor, officesPolicy.update, id)
      checkTimezone(patch.timezone)
      await db.transaction().execute(async (trx) => {
        const current = await repo.findOfficeRow(trx, id)
        if (!current) throw notFound('Office')
        if (ifMatch !== undefined && current.version !== ifMatch) {
          throw new AppError(
            'VERSION_MISMATCH',
            412,
            'Changed since you read it',
            `The current version is ${current.version}; read it again and reapply your change.`,
          )
        }
        const before = toOfficeDto(current)
        const changes: Record<string, unknown> = {}
        for (const [key, value] of Object.entries(patch)) {
          const old = before[key as keyof OfficeDto]
          if (JSON.stringify(old) !== JSON.stringify(value)) changes[key] = { from: old, to: value }
        }
        await repo.updateOffice(trx, id, {
          ...(patch.name ? { name: toJsonColumn(patch.name) } : {}),
          ...(patch.address ? { address: toJsonColumn(patch.address) } : {}),
          ...(patch.timezone ? { timezone: patch.timezone } : {}),
          ...(patch.defaultLanguage ? { defaultLanguage: patch.defaultLanguage } : {}),
          ...(patch.openingHours ? { openingHours: toJsonColumn(patch.openingHours) } : {}),
          ...(patch.contact ? { contact: toJsonColumn(patch.contact) } : {}),
          ...(patch.status ? { status: patch.status } : {}),
          version: current.version + 1,
          updatedAt: clock.now().toISOString(),
        })
        await record(trx, actor, 'office.update', id, 'office', id, changes)
      })
      await changed(OFFICE_EVENTS.updated, id)
      return toOfficeDto(await mustExist(id))
    },

    async listUnits(actor: Actor, officeId: string): Promise<UnitDto[]> {
      assertAllowed(actor, officesPolicy.read, officeId)
      await mustExist(officeId)
      return (await repo.listUnitRows(db, officeId)).map(toUnitDto)
    },

    async createUnit(actor: Actor, officeId: string, input: UnitBody): Promise<UnitDto> {
      assertAllowed(actor, officesPolicy.manageStructure, officeId)
      checkUnitCode(input.code)
      await mustExist(officeId)
      const row: UnitRow = {
        id: newId(),
        officeId,
        code: input.code,
        name: toJsonColumn(input.name),
        createdAt: clock.now().toISOString(),
      }
      await db
        .transaction()
        .execute(async (trx) => {
          if (await repo.findUnitByCode(trx, officeId, input.code)) throw unitCodeTaken(input.code)
          await repo.insertUnit(trx, row)
          await record(trx, actor, 'unit.create', officeId, 'unit', row.id, {
            code: input.code,
            name: input.name,
          })
        })
        .catch(rethrowUnique(() => unitCodeTaken(input.code)))
      return toUnitDto(row)
    },

    /** Renames a unit. Its code never changes: case signs already carry it. */
    async renameUnit(actor: Actor, unitId: string, name: MultilingualText): Promise<UnitDto> {
      const unit = await repo.findUnit(db, unitId)
      if (!unit) throw notFound('Unit')
      assertAllowed(actor, officesPolicy.manageStructure, unit.officeId)
      await db.transaction().execute(async (trx) => {
        await repo.updateUnitName(trx, unitId, toJsonColumn(name))
        await record(trx, actor, 'unit.rename', unit.officeId, 'unit', unitId, {
          name: { from: stored.name(unit.name), to: name },
        })
      })
      return toUnitDto({ ...unit, name: toJsonColumn(name) })
    },

    async listDesks(actor: Actor, officeId: string): Promise<DeskDto[]> {
      assertAllowed(actor, officesPolicy.read, officeId)
      await mustExist(officeId)
      return (await repo.listDeskRows(db, officeId)).map((r) => ({
        id: r.id,
        officeId: r.officeId,
        name: r.name,
      }))
    },

    /**
     * Adds a desk, in `uow`: the queue module passes its transaction (it adds the desk's queues in the
     * same unit of work, committed by it); elsewhere a transaction of its own.
     */
    async createDesk(actor: Actor, officeId: string, name: string, uow: Db = db): Promise<DeskDto> {
      assertAllowed(actor, officesPolicy.manageStructure, officeId)
      const row = { id: newId(), officeId, name, createdAt: clock.now().toISOString() }
      await inTransaction(withTables<OfficesTables>(uow), async (trx) => {
        await mustExist(officeId, trx)
        if (await repo.findDeskByName(trx, officeId, name)) throw deskNameTaken()
        await repo.insertDesk(trx, row)
        await record(trx, actor, 'desk.create', officeId, 'desk', row.id, { name })
      }).catch(rethrowUnique(deskNameTaken))
      return { id: row.id, officeId, name }
    },

    /** A desk, read through `uow` (the queue reads desks inside its own transactions). */
    async deskIn(uow: Db, id: string): Promise<{ id: string; officeId: string; name: string } | undefined> {
      const row = await repo.findDesk(withTables<OfficesTables>(uow), id)
      return row && { id: row.id, officeId: row.officeId, name: row.name }
    },

    /** A unit (its office, its code), read through `uow`; undefined when there is none. */
    async unitIn(uow: Db, id: string): Promise<UnitDto | undefined> {
      const row = await repo.findUnit(withTables<OfficesTables>(uow), id)
      return row && toUnitDto(row)
    },

    /** An office's desks by name, read through `uow`. */
    async desksIn(uow: Db, officeId: string): Promise<{ id: string; officeId: string; name: string }[]> {
      return (await repo.desksOfOffice(withTables<OfficesTables>(uow), officeId)).map((r) => ({
        id: r.id,
        officeId: r.officeId,
        name: r.name,
      }))
    },

    async listHoursExceptions(actor: Actor, officeId: string): Promise<HoursExceptionDto[]> {
      assertAllowed(actor, officesPolicy.read, officeId)
      await mustExist(officeId)
      return exceptionsOf(officeId)
    },

    /**
     * The hours an office keeps on one date: its own exception for that date if it set one (an empty
     * list: closed), else none on a day off of the network calendar in its country, else its week's
     * hours for that weekday. `closedBecause` names an exception's reason or the holiday.
     */
    async hoursOn(
      officeId: string,
      date: string,
    ): Promise<{ spans: { from: string; to: string }[]; closedBecause: string | null }> {
      const { office, exceptions } = await daysOf(officeId)
      const own = exceptions.find((e) => e.date === date)
      if (own) return { spans: own.hours, closedBecause: own.hours.length ? null : own.reason }
      const [dayOff] = await calendar.daysOffBetween(office.address.country, date, date)
      if (dayOff) return { spans: [], closedBecause: dayOff.name }
      return { spans: office.openingHours[weekdayOf(date)] ?? [], closedBecause: null }
    },

    /**
     * The dates from `from` to `to` on which an office is closed though its week has hours then: its
     * own closures and the network calendar's days off (unless it set hours for that date).
     */
    async closuresBetween(officeId: string, from: string, to: string): Promise<Closure[]> {
      const { office, exceptions } = await daysOf(officeId)
      const own = exceptions.filter((e) => e.date >= from && e.date <= to)
      const ownDates = new Set(own.map((e) => e.date))
      const weekOpen = (date: string) => (office.openingHours[weekdayOf(date)] ?? []).length > 0
      const closures = [
        ...own.filter((e) => e.hours.length === 0).map((e) => ({ date: e.date, reason: e.reason })),
        ...(await calendar.daysOffBetween(office.address.country, from, to))
          .filter((d) => !ownDates.has(d.date))
          .map((d) => ({ date: d.date, reason: d.name })),
      ]
      return closures.filter((c) => weekOpen(c.date)).sort((a, b) => (a.date < b.date ? -1 : 1))
    },

    /** Sets the hours of one date (a holiday, a closure, longer hours); an empty list closes the office. */
    async putHoursException(
      actor: Actor,
      officeId: string,
      exception: HoursExceptionDto,
    ): Promise<HoursExceptionDto> {
      assertAllowed(actor, officesPolicy.manageStructure, officeId)
      await mustExist(officeId)
      if (
        Number.isNaN(Date.parse(`${exception.date}T00:00:00Z`)) ||
        new Date(`${exception.date}T00:00:00Z`).toISOString().slice(0, 10) !== exception.date
      ) {
        throw invalid([{ path: 'params.date', message: 'is not a calendar date' }])
      }
      await db.transaction().execute(async (trx) => {
        await repo.putHoursException(trx, {
          id: newId(),
          officeId,
          date: exception.date,
          hours: toJsonColumn(exception.hours),
          reason: exception.reason,
        })
        await record(trx, actor, 'office.hours-exception', officeId, 'office', officeId, { ...exception })
      })
      await changed(OFFICE_EVENTS.updated, officeId)
      return exception
    },

    async deleteHoursException(actor: Actor, officeId: string, date: string): Promise<void> {
      assertAllowed(actor, officesPolicy.manageStructure, officeId)
      await db.transaction().execute(async (trx) => {
        if ((await repo.deleteHoursException(trx, officeId, date)) === 0) throw notFound('Exception')
        await record(trx, actor, 'office.hours-exception-removed', officeId, 'office', officeId, { date })
      })
      await changed(OFFICE_EVENTS.updated, officeId)
    },

    /** Creates an office, then its units and desks (the demo seed), each step audited. */
    async createOfficeWithStructure(
      actor: Actor,
      office: CreateOfficeBody & { openingHours: OpeningHours },
      units: UnitBody[],
      desks: string[],
    ): Promise<OfficeDto> {
      const created = await this.createOffice(actor, office)
      for (const unit of units) await this.createUnit(actor, created.id, unit)
      for (const name of desks) await this.createDesk(actor, created.id, name)
      return created
    },
  }
}

/** The weekday of a calendar date, as opening hours name it. */
function weekdayOf(date: string): Weekday {
  return WEEKDAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7]!
}

function toUnitDto(r: UnitRow): UnitDto {
  return { id: r.id, officeId: r.officeId, code: r.code, name: stored.name(r.name) }
}

function toOfficeDto(row: OfficeRow): OfficeDto {
  return {
    id: row.id,
    code: row.code,
    name: stored.name(row.name),
    address: stored.address(row.address),
    timezone: row.timezone,
    defaultLanguage: row.defaultLanguage as OfficeDto['defaultLanguage'],
    openingHours: stored.openingHours(row.openingHours),
    contact: stored.contact(row.contact),
    status: row.status,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}
