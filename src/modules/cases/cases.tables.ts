import type { Selectable } from 'kysely'
import { Type } from 'typebox'
import { jsonColumn } from '../../platform/json-column.js'
import type { CaseStatus } from './case-transitions.js'
import { Party } from './cases.schemas.js'

/** A case (migration 018). */
export interface CasesTable {
  id: string
  officeId: string
  unitId: string
  /** The classification version it was filed under; it keeps it when the office adopts a new one. */
  classificationId: string
  symbol: string
  /** The class's archival category when the case was opened (A, B5…), never typed per case. */
  category: string
  /** The year the case started. */
  year: number
  /** Its number in the unit's register for the class and year (or its sub-case number). */
  seq: number
  parentId: string | null
  sign: string
  title: string
  status: CaseStatus
  startedOn: string
  closedOn: string | null
  assigneeId: string | null
  /** JSON: the parties (`Party[]`). */
  parties: string
  termDays: number | null
  dueOn: string | null
  version: number
  createdAt: string
  createdBy: string
  updatedAt: string
}

export interface CaseLettersTable {
  caseId: string
  entryId: string
  linkedAt: string
  linkedBy: string
}

export interface CaseAccessTable {
  caseId: string
  userId: string
  grantedAt: string
  grantedBy: string
}

export interface CasesTables {
  cases: CasesTable
  caseLetters: CaseLettersTable
  caseAccess: CaseAccessTable
}

export type CaseRow = Selectable<CasesTable>

export const stored = {
  parties: jsonColumn('case parties', Type.Array(Party)),
}
