import { createHash } from 'node:crypto'
import type { Db } from '../../platform/db/index.js'
import { AppError } from '../../platform/errors.js'
import type { Validate } from './applicant-signature.js'
import * as repo from './eservices.repository.js'
import type { ReceiptVerificationDto } from './eservices.schemas.js'
import { readReceipt } from './receipt-document.js'

/** Which office's seal a certificate is (by the certificate's SHA-256), or null. */
export type SealOwner = (certificateSha256: string) => Promise<{ code: string; name: string } | null>

/**
 * Verifies a receipt file as anyone may, offline copy in hand: the seal is validated by the signature
 * module (one byte changed: `TOTAL_FAILED`), the office whose seal it is named, and told apart from
 * the office the receipt names (a receipt sealed by another office's seal is not valid for this one).
 * `issuedHere` says whether this very file is one this system issued.
 */
export async function verifyReceipt(
  db: Db,
  bytes: Buffer,
  validate: Validate,
  sealOwner: SealOwner,
): Promise<ReceiptVerificationDto> {
  const contents = readReceipt(bytes)
  if (!contents)
    throw new AppError(
      'NOT_A_RECEIPT',
      422,
      'Not a receipt',
      'The file is not a receipt issued by an office on Ratusz (an XML Receipt document).',
      [{ path: 'body.file', message: 'is not a receipt' }],
    )
  const result = await validate(bytes, null).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 422) return null
    throw error
  })
  const report = result?.signatures[0]
  if (!report)
    return {
      valid: false,
      indication: 'TOTAL_FAILED',
      subIndication: 'FORMAT_FAILURE',
      detail: 'The receipt carries no seal that can be read.',
      receipt: contents,
      sealedBy: null,
      issuedHere: false,
      level: null,
      sealedAt: null,
    }
  const owner = report.signer ? await sealOwner(report.signer.sha256) : null
  const stored = await repo.findReceipt(db, contents.id)
  const digest = createHash('sha256').update(bytes).digest('hex')
  const sameOffice = owner !== null && owner.code === contents.office.code
  return {
    valid: report.indication === 'TOTAL_PASSED' && sameOffice,
    indication: report.indication,
    subIndication: report.subIndication,
    detail:
      report.indication === 'TOTAL_PASSED' && owner && !sameOffice
        ? `The seal is valid, but it is the seal of ${owner.name} (${owner.code}), not of the office the receipt names (${contents.office.code}).`
        : report.detail,
    receipt: contents,
    sealedBy: owner ? { ...owner, sameOffice } : null,
    issuedHere: stored?.sealedSha256 === digest,
    level: report.level,
    sealedAt: report.timestamps.find((t) => t.indication === 'PASSED')?.time ?? report.signingTime,
  }
}
