import type { CertificateInfo } from './certificates.js'

/** ETSI EN 319 102-1's main indications. */
export type Indication = 'TOTAL_PASSED' | 'INDETERMINATE' | 'TOTAL_FAILED'

/** One signature's outcome, as the validator reports it. */
export interface SignatureReport {
  format: 'CAdES' | 'XAdES' | 'PAdES'
  indication: Indication
  /** ETSI EN 319 102-1's sub-indication (`HASH_FAILURE`, `NO_CERTIFICATE_CHAIN_FOUND`…); null when passed. */
  subIndication: string | null
  /** Baseline level: B; T with a passing signature time-stamp; LT with validation data too; LTA with an archive time-stamp. */
  level: 'B' | 'T' | 'LT' | 'LTA' | null
  signer: CertificateInfo | null
  /** The signing time the signer claims (a signed attribute). */
  signingTime: string | null
  /** The signature time-stamps found on the signature, each judged. */
  timestamps: TimeStampReport[]
  signatureAlgorithm: string | null
  digestAlgorithm: string | null
  /** The SHA-256 of the signed data, to compare with a copy. */
  signedDataDigest: { algorithm: string; value: string } | null
  /** From the signer's certificate upwards, as far as it could be followed. */
  chain: CertificateInfo[]
  /** What the outcome means, in words. */
  detail: string
}

/** An RFC 3161 time-stamp on a signature, as the validator judged it. */
export interface TimeStampReport {
  /** When the time-stamping authority says it saw the signature. */
  time: string | null
  /** `PASSED`; `FAILED` (`HASH_FAILURE`: it stamps something else; `SIG_CRYPTO_FAILURE`); `INDETERMINATE`. */
  indication: 'PASSED' | 'FAILED' | 'INDETERMINATE'
  subIndication: string | null
  /** The time-stamping authority's certificate subject. */
  tsa: string | null
}
