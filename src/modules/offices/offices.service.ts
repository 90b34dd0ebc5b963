import type { Static } from 'typebox'
import { TtlCache } from '../../platform/cache.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, withTables } from '../../platform/db/index.js'
import { notFound } from '../../platform/errors.js'
import type { EventBus } from '../../platform/events.js'
import type { MultilingualText } from '../../platform/i18n/index.js'
import { newId } from '../../platform/ids.js'
import { fromJsonColumn, toJsonColumn } from '../../platform/json-column.js'
import { type Actor, assertAllowed, officesVisibleTo } from '../identity/index.js'
import { officesPolicy } from './offices.policy.js'
import * as repo from './offices.repository.js'
import type { Address, Contact, DeskDto, OfficeDto, OpeningHours, UnitDto } from './offices.schemas.js'
import type { OfficeRow, OfficesTables } from './offices.tables.js'

export interface NewOffice {
  code: string
  name: MultilingualText
  address: Static<typeof Address>
  timezone: string
  defaultLanguage: OfficeDto['defaultLanguage']
  openingHours: OpeningHours
  contact: Static<typeof Contact>
}

export type OfficesService = ReturnType<typeof createOfficesService>

/** Events the offices module publishes after its changes commit. */
export const OFFICE_EVENTS = { created: 'office.created', updated: 'office.updated' } as const

export function createOfficesService(database: Db, clock: Clock, bus: EventBus) {
  const db = withTables<OfficesTables>(database)
  // Every public page lists the offices; they change a few times a year.
  const publicOffices = new TtlCache<OfficeDto[]>({ ttlMs: 10_000, maxEntries: 1, clock })
  return {
    async listOffices(actor: Actor): Promise<OfficeDto[]> {
      assertAllowed(actor, officesPolicy.read)
      const rows = await repo.listOfficeRows(db, {
        ids: officesVisibleTo(actor, officesPolicy.read) ?? undefined,
      })
      return rows.map(toOfficeDto)
    },

    async getOffice(actor: Actor, id: string): Promise<OfficeDto> {
      assertAllowed(actor, officesPolicy.read, id)
      const row = await repo.findOfficeRow(db, id)
      if (!row) throw notFound('Office')
      return toOfficeDto(row)
    },

    /** Offices as the public sees them: active ones only, no actor needed. */
    async listPublicOffices(): Promise<OfficeDto[]> {
      return publicOffices.getOrLoad('all', async () => {
        const rows = await repo.listOfficeRows(db, {})
        return rows.filter((r) => r.status === 'active').map(toOfficeDto)
      })
    },

    async countOffices(): Promise<number> {
      return repo.countOffices(db)
    },

    /** Creates an office with its units and desks in one transaction (used by the demo seed). */
    async createOfficeWithStructure(
      office: NewOffice,
      units: { code: string; name: MultilingualText }[],
      desks: string[],
    ): Promise<OfficeDto> {
      const now = clock.now().toISOString()
      const id = newId()
      await db.transaction().execute(async (trx) => {
        await repo.insertOffice(trx, {
          id,
          code: office.code,
          name: toJsonColumn(office.name),
          address: toJsonColumn(office.address),
          timezone: office.timezone,
          defaultLanguage: office.defaultLanguage,
          openingHours: toJsonColumn(office.openingHours),
          contact: toJsonColumn(office.contact),
          status: 'active',
          version: 1,
          createdAt: now,
          updatedAt: now,
        })
        for (const unit of units) {
          await repo.insertUnit(trx, {
            id: newId(),
            officeId: id,
            code: unit.code,
            name: toJsonColumn(unit.name),
            createdAt: now,
          })
        }
        for (const name of desks) {
          await repo.insertDesk(trx, { id: newId(), officeId: id, name, createdAt: now })
        }
      })
      const created = toOfficeDto((await repo.findOfficeRow(db, id))!)
      publicOffices.clear()
      await bus.publish({ type: OFFICE_EVENTS.created, payload: { officeId: id }, at: now })
      return created
    },

    async listUnits(actor: Actor, officeId: string): Promise<UnitDto[]> {
      assertAllowed(actor, officesPolicy.read, officeId)
      const rows = await repo.listUnitRows(db, officeId)
      return rows.map((r) => ({ id: r.id, officeId: r.officeId, code: r.code, name: fromJsonColumn(r.name) }))
    },

    async listDesks(actor: Actor, officeId: string): Promise<DeskDto[]> {
      assertAllowed(actor, officesPolicy.read, officeId)
      const rows = await repo.listDeskRows(db, officeId)
      return rows.map((r) => ({ id: r.id, officeId: r.officeId, name: r.name }))
    },
  }
}

function toOfficeDto(row: OfficeRow): OfficeDto {
  return {
    id: row.id,
    code: row.code,
    name: fromJsonColumn(row.name),
    address: fromJsonColumn(row.address),
    timezone: row.timezone,
    defaultLanguage: row.defaultLanguage as OfficeDto['defaultLanguage'],
    openingHours: fromJsonColumn(row.openingHours),
    contact: fromJsonColumn(row.contact),
    status: row.status as OfficeDto['status'],
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}
