import type { Selectable } from 'kysely'

/** A trusted certificate (migration 030): an anchor signers' chains may lead to. */
export interface TrustAnchorsTable {
  id: string
  /** SHA-256 of its DER: each certificate once. */
  sha256: string
  subject: string
  issuer: string
  serial: string
  notBefore: string
  notAfter: string
  /** The certificate, DER as base64. */
  der: string
  /** The file it came from. */
  source: string
  createdAt: string
  createdBy: string
}

export interface TrustTables {
  trustAnchors: TrustAnchorsTable
}

export type TrustAnchorRow = Selectable<TrustAnchorsTable>
