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
  /** The key the opening request carried (migration 020): the same key from the same person gives this case back. */
  idempotencyKey: string | null
}

export interface CaseLettersTable {
  caseId: string
  entryId: string
  /** The letter's register: `incoming` or `outgoing` (migration 020). */
  direction: string
  linkedAt: string
  linkedBy: string
}

export interface CaseAccessTable {
  caseId: string
  userId: string
  grantedAt: string
  grantedBy: string
}

/** A document of a case's file (migration 020): its metadata; its content is in its versions. */
export interface CaseDocumentsTable {
  id: string
  caseId: string
  /** Its place in the case's file: 1, 2, 3… */
  seq: number
  title: string
  /** What it is: a letter, a decision, a note… (the metadata's type). */
  kind: string
  /** `born-digital`, `digitised` or `paper` (only on paper, kept where `paperLocation` says). */
  form: string
  access: string
  language: string
  documentDate: string
  creator: string
  recipient: string | null
  relation: string | null
  description: string | null
  paperLocation: string | null
  /** The newest version's number; 0 while it has no file. */
  currentVersion: number
  /** Changes of the metadata and versions, for If-Match. */
  version: number
  createdAt: string
  createdBy: string
  updatedAt: string
}

/** One version of a document's content: a file in the blob store, with who added it, when and why. */
export interface CaseDocumentVersionsTable {
  documentId: string
  version: number
  sha256: string
  name: string
  type: string
  size: number
  reason: string | null
  /** Reading its text for search: `pending`, `done`, `none` (nothing to read) or `refused`. */
  textStatus: string
  textNote: string | null
  text: string | null
  createdAt: string
  createdBy: string
}

export interface CasesTables {
  cases: CasesTable
  caseLetters: CaseLettersTable
  caseAccess: CaseAccessTable
  caseDocuments: CaseDocumentsTable
  caseDocumentVersions: CaseDocumentVersionsTable
}

export type CaseRow = Selectable<CasesTable>
export type DocumentRow = Selectable<CaseDocumentsTable>
export type DocumentVersionRow = Selectable<CaseDocumentVersionsTable>

export const stored = {
  parties: jsonColumn('case parties', Type.Array(Party)),
}
