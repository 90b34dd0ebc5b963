import type { Selectable } from 'kysely'

/** A request for public information (migration 028): its letter, its case, its tracking code. */
export interface InformationRequestsTable {
  id: string
  officeId: string
  /** What the requester follows it by: ten letters and digits, `K7QM2-X9PTA`. */
  trackingCode: string
  entryId: string
  caseId: string
  /** How the answer should reach them: `email`, `post` or `pickup`. */
  delivery: string
  createdAt: string
  refusedOn: string | null
  refusalReason: string | null
  refusalDocumentId: string | null
}

export interface InformationRequestsTables {
  informationRequests: InformationRequestsTable
}

export type InformationRequestRow = Selectable<InformationRequestsTable>
