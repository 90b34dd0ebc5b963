import { createHash } from 'node:crypto'
import { DOMParser, XMLSerializer } from '@xmldom/xmldom'
import { AppError } from '../../platform/errors.js'
import type { SignatureReportDto } from '../signatures/index.js'

/** The signature module's validator, as an application's signature check needs it. */
export type Validate = (
  file: Buffer,
  data: Buffer | null,
) => Promise<{ valid: boolean; signatures: SignatureReportDto[] }>

const DSIG = 'http://www.w3.org/2000/09/xmldsig#'

const invalidSignature = (detail: string, report?: SignatureReportDto) =>
  new AppError(
    'SIGNATURE_INVALID',
    422,
    'The signature is not valid',
    detail,
    [{ path: 'body.signedDocument', message: detail }],
    undefined,
    report
      ? {
          indication: report.indication,
          subIndication: report.subIndication ?? '',
          signer: report.signer?.subject ?? '',
          detail: report.detail,
        }
      : undefined,
  )

export const signatureRequired = () =>
  new AppError(
    'SIGNATURE_REQUIRED',
    422,
    'A signature is required',
    'This service needs the application document signed: download it, sign it (XAdES, or CAdES in a .p7s) and send it back.',
    [{ path: 'body.signedDocument', message: 'is required' }],
  )

/** The XML without its enveloped signatures, as one line of markup, to compare two documents' content. */
function unsignedMarkup(xml: string): string | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return null
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'application/xml')
  const root = doc.documentElement
  if (!root) return null
  for (const sig of [...root.getElementsByTagNameNS(DSIG, 'Signature')]) sig.parentNode?.removeChild(sig)
  return new XMLSerializer().serializeToString(root).replace(/>\s+</g, '><').trim()
}

/**
 * Checks the resident's signature on the application document: an enveloped XAdES signature on the
 * document itself, or a CAdES signature (.p7s) holding it or detached from it. The signature must pass
 * the validator against the trust store, and what it signed must be this document, byte for byte (for
 * XML, the same markup once the signature is taken out). When the resident signed in with a verified
 * identifier and the certificate carries identifiers, one of them must be it. Returns the report.
 */
export async function checkApplicantSignature(
  signed: Buffer,
  document: Buffer,
  validate: Validate,
  identifier: { kind: string; value: string } | null,
): Promise<SignatureReportDto> {
  const head = signed.subarray(0, 64).toString('latin1').trimStart()
  const xml = head.startsWith('<') || head.startsWith('\uFEFF<')
  const result = await validate(signed, xml ? null : document).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 422)
      throw invalidSignature(`The signed document is not a signature: ${error.detail ?? error.title}`)
    throw error
  })
  const report = result.signatures[0]
  if (!report) throw invalidSignature('The signed document carries no signature.')
  if (!result.valid) throw invalidSignature(`The signature did not pass: ${report.detail}`, report)
  const sha256 = createHash('sha256').update(document).digest('hex')
  const same = xml
    ? unsignedMarkup(signed.toString('utf8')) === unsignedMarkup(document.toString('utf8'))
    : report.signedDataDigest === null || report.signedDataDigest.value === sha256
  if (!same)
    throw invalidSignature('The signature is valid, but of another document than these answers.', report)
  const carried = report.signer?.identifiers ?? []
  if (identifier && carried.length > 0 && !carried.some((c) => c.value === identifier.value))
    throw invalidSignature(
      `The signer (${report.signer?.subject}) is not the applicant who signed in.`,
      report,
    )
  return report
}
