import type { Selectable } from 'kysely'
import { Type } from 'typebox'
import { jsonColumn } from '../../platform/json-column.js'
import { DueStepSchema } from '../deadlines/index.js'
import { DocumentSignatures } from './case-documents.schemas.js'
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
  /** Its term as ISO 8601 (`P1M`, `P14D`; migration 025), or null for a case with no statutory term. */
  term: string | null
  /** Where the term came from: `card`, `statutory` or `manual`. */
  termSource: string | null
  /** The card's code, the statutory term's code, or the reason it was set by hand. */
  termBasis: string | null
  /** The service card the case was opened for. */
  serviceId: string | null
  /** The day the current suspension began (its clock stopped), while suspended. */
  suspendedOn: string | null
  /** Days of finished suspensions, not counted in the term (KPA art. 35 §5). */
  suspendedDays: number
  /** The new date a dispatched KPA art. 36 notice set; it replaces the term's date. */
  noticeDueOn: string | null
  /** The suspended days already behind that new date (migration 027): only later ones move it. */
  noticeSuspendedDays: number
  /** What became of it when its time came (migration 029): `destroyed` or `transferred`; null: kept. */
  disposal: string | null
  disposedOn: string | null
  /** The destruction list's number, or the state archive's reference of the transfer. */
  disposalReference: string | null
  /** The last day to settle it, by the deadline engine. */
  dueOn: string | null
  /** JSON: the steps that reached `dueOn` (`DueStep[]`). */
  dueSteps: string | null
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
  /** JSON: its signatures as validated when stored (migration 031); null until checked. */
  signatures: string | null
  createdAt: string
  createdBy: string
}

/** A KPA art. 36 notice of a case (migration 027): drafted as a document, in force once dispatched. */
export interface CaseDelayNoticesTable {
  id: string
  caseId: string
  documentId: string
  reason: string
  newDueOn: string
  createdAt: string
  createdBy: string
  dispatchedOn: string | null
  dispatchedBy: string | null
}

/** A list of non-archival records for destruction (migration 029), with the archive's consent. */
export interface DestructionListsTable {
  id: string
  officeId: string
  /** `BN/<n>/<yyyy>` per office and year. */
  number: string
  /** The day the eligibility was counted for. */
  asOf: string
  /** `awaiting-consent`, `consented`, `destroyed`. */
  status: string
  createdAt: string
  createdBy: string
  consentReference: string | null
  consentedOn: string | null
  consentRecordedBy: string | null
  destroyedAt: string | null
  destroyedBy: string | null
}

export interface CasesTables {
  cases: CasesTable
  caseLetters: CaseLettersTable
  caseAccess: CaseAccessTable
  caseDocuments: CaseDocumentsTable
  caseDocumentVersions: CaseDocumentVersionsTable
  caseDelayNotices: CaseDelayNoticesTable
  destructionLists: DestructionListsTable
  destructionListItems: { listId: string; caseId: string }
}

export type CaseRow = Selectable<CasesTable>
export type DocumentRow = Selectable<CaseDocumentsTable>
export type DelayNoticeRow = Selectable<CaseDelayNoticesTable>
export type DestructionListRow = Selectable<DestructionListsTable>
export type DocumentVersionRow = Selectable<CaseDocumentVersionsTable>

export const stored = {
  parties: jsonColumn('case parties', Type.Array(Party)),
  dueSteps: jsonColumn('due date steps', Type.Array(DueStepSchema)),
  signatures: jsonColumn('document signatures', DocumentSignatures),
}
