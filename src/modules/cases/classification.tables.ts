import type { Selectable } from 'kysely'

/** A version of an office's classification (migration 017). */
export interface ClassificationsTable {
  id: string
  officeId: string
  /** From this office-local date on, new cases are filed under this version. */
  adoptedOn: string
  classes: number
  importedAt: string
  importedBy: string
}

/** A class of one version: its symbol, title, parent and archival category (own or inherited). */
export interface ClassificationClassesTable {
  classificationId: string
  symbol: string
  title: string
  parent: string | null
  ownCategory: string | null
  category: string | null
  /** 1: takes cases (no class below it). */
  leaf: number
}

export interface ClassificationTables {
  classifications: ClassificationsTable
  classificationClasses: ClassificationClassesTable
}

export type ClassificationRow = Selectable<ClassificationsTable>
export type ClassRow = Selectable<ClassificationClassesTable>
