import type { Insertable, Selectable } from 'kysely'
import { Type } from 'typebox'
import { MultilingualText } from '../../platform/http/schemas.js'
import { jsonColumn } from '../../platform/json-column.js'
import type { OfficeStatus } from './offices.schemas.js'
import { Address, Contact, OpeningHours, OpeningSpan } from './offices.schemas.js'

/** Multilingual text, opening hours, address and contact are JSON text columns. */
export interface OfficesTable {
  id: string
  code: string
  name: string
  address: string
  timezone: string
  defaultLanguage: string
  openingHours: string
  contact: string
  status: OfficeStatus
  version: number
  createdAt: string
  updatedAt: string
}

export interface OfficeHoursExceptionsTable {
  id: string
  officeId: string
  date: string
  hours: string
  reason: string
}

export interface UnitsTable {
  id: string
  officeId: string
  code: string
  name: string
  createdAt: string
}

export interface DesksTable {
  id: string
  officeId: string
  name: string
  createdAt: string
}

export interface OfficesTables {
  offices: OfficesTable
  officeHoursExceptions: OfficeHoursExceptionsTable
  units: UnitsTable
  desks: DesksTable
}

export type OfficeRow = Selectable<OfficesTable>
export type NewOfficeRow = Insertable<OfficesTable>
export type UnitRow = Selectable<UnitsTable>
export type DeskRow = Selectable<DesksTable>

/** The offices' JSON columns, read with their schemas. */
export const stored = {
  name: jsonColumn('name', MultilingualText),
  address: jsonColumn('office address', Address),
  contact: jsonColumn('office contact', Contact),
  openingHours: jsonColumn('opening hours', OpeningHours),
  exceptionHours: jsonColumn('hours of a date', Type.Array(OpeningSpan)),
}
