import type { Selectable } from 'kysely'

/** A resident as a sign-in named them (migration 033): by OpenID Connect, or by a confirmed e-mail. */
export interface ResidentsTable {
  id: string
  email: string | null
  name: string | null
  /** `PESEL` or `RNOKPP`, as the identity provider verified it; null when it gave none. */
  identifierKind: string | null
  identifier: string | null
  /** `oidc` or `email`. */
  provider: string
  /** The provider's subject; for `email`, the address itself. */
  subject: string
  createdAt: string
  lastSeenAt: string
}

export interface ResidentSessionsTable {
  /** SHA-256 of the cookie's token: a stolen database gives no sessions. */
  tokenHash: string
  residentId: string
  createdAt: string
  expiresAt: string
}

/** A one-time sign-in link sent to an e-mail address (the address is confirmed when it is opened). */
export interface ResidentLinksTable {
  tokenHash: string
  email: string
  /** Where the resident goes once signed in (a path of this site). */
  next: string
  createdAt: string
  expiresAt: string
  usedAt: string | null
}

/** A sign-in sent to the identity provider, until it comes back (ten minutes at most). */
export interface OidcLoginsTable {
  /** SHA-256 of the `state` sent (the login is found by what comes back). */
  stateHash: string
  /** The PKCE code verifier and the nonce the ID token must carry. */
  verifier: string
  nonce: string
  next: string
  createdAt: string
  expiresAt: string
}

/** An application sent on an e-service's form: its letter, its case, its answers as sent. */
export interface ApplicationsTable {
  id: string
  officeId: string
  serviceId: string
  serviceCode: string
  /** The service's name in the applicant's language when they applied (the letter's subject). */
  title: string
  /** The card version (and so the form version) it was made with. */
  cardVersion: number
  residentId: string | null
  /** JSON: name, e-mail, verified identifier. */
  applicant: string
  /** JSON: the answers kept after checking (questions not asked dropped). */
  answers: string
  language: string
  entryId: string
  /** The incoming register's number: the application's number. */
  number: string
  caseId: string | null
  /** SHA-256 of the tracking code (the code itself is given once, to the applicant). */
  trackingHash: string
  /** SHA-256 of the application document (the XML rendering of the answers) as filed. */
  documentSha256: string
  /** JSON: the applicant's signature as the validator reported it; null when the card needs none. */
  signature: string | null
  submittedAt: string
  idempotencyKey: string | null
}

export interface ApplicationFilesTable {
  applicationId: string
  /** The question it answers; `application` for the application document itself. */
  question: string
  name: string
  type: string
  size: number
  sha256: string
}

/** A signed-in resident's form in progress, one per service: back and forward without losing answers. */
export interface ApplicationDraftsTable {
  residentId: string
  serviceCode: string
  officeId: string | null
  /** JSON: the answers so far. */
  answers: string
  /** JSON: the files uploaded so far, by question (stored in the blob store). */
  files: string
  updatedAt: string
}

/** A letter from the office in a resident's inbox: an outgoing letter dispatched by e-service. */
export interface ResidentLettersTable {
  id: string
  applicationId: string
  residentId: string | null
  /** The outgoing register's entry (its delivery is recorded when the resident opens the letter). */
  entryId: string
  number: string
  title: string
  /** The letter's file (its sealed PDF) in the blob store. */
  fileSha256: string
  fileName: string
  /** Its kind told by its content (`pdf`…) and its size, to send it back as it was stored. */
  fileType: string
  fileSize: number
  dispatchedAt: string
  openedAt: string | null
}

/** A receipt: the acknowledgement of submission, or the official acknowledgement of receipt (sealed). */
export interface ReceiptsTable {
  id: string
  applicationId: string
  officeId: string
  /** `submission` or `receipt`. */
  kind: string
  createdAt: string
  /** JSON: what the receipt states. */
  contents: string
  /** The sealed XML in the blob store; null until sealed. */
  sealedSha256: string | null
  /** `B` or `T` (time-stamped). */
  level: string | null
  sealedAt: string | null
}

export interface EservicesTables {
  residents: ResidentsTable
  residentSessions: ResidentSessionsTable
  residentLinks: ResidentLinksTable
  oidcLogins: OidcLoginsTable
  applications: ApplicationsTable
  applicationFiles: ApplicationFilesTable
  applicationDrafts: ApplicationDraftsTable
  residentLetters: ResidentLettersTable
  receipts: ReceiptsTable
}

export type ResidentRow = Selectable<ResidentsTable>
export type ApplicationRow = Selectable<ApplicationsTable>
export type ApplicationFileRow = Selectable<ApplicationFilesTable>
export type DraftRow = Selectable<ApplicationDraftsTable>
export type LetterRow = Selectable<ResidentLettersTable>
export type ReceiptRow = Selectable<ReceiptsTable>
