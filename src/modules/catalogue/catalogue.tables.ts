import type { Selectable } from 'kysely'
import { Type } from 'typebox'
import { jsonColumn } from '../../platform/json-column.js'
import { ServiceCard, type ServiceStatus } from './catalogue.schemas.js'

export interface ServicesTable {
  id: string
  code: string
  status: ServiceStatus
  latestVersion: number
  publishedVersion: number | null
  publishedAt: string | null
  searchName: string | null
  createdAt: string
  updatedAt: string
}

export interface ServiceVersionsTable {
  serviceId: string
  version: number
  /** The card as JSON. */
  card: string
  authorId: string | null
  authorLogin: string
  createdAt: string
  /** JSON array of the changed fields. */
  changes: string
}

export interface CatalogueTables {
  services: ServicesTable
  serviceVersions: ServiceVersionsTable
  serviceOffices: { serviceId: string; officeId: string }
  serviceCategories: { serviceId: string; category: string }
}

export type ServiceRow = Selectable<ServicesTable>
export type ServiceVersionRow = Selectable<ServiceVersionsTable>

/** The catalogue's JSON columns, read with their schemas. */
export const stored = {
  card: jsonColumn('service card', ServiceCard),
  changes: jsonColumn('card version changes', Type.Array(Type.String())),
}
