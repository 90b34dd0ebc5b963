import type * as pkijs from 'pkijs'
import { validateCms } from './cms-validation.js'
import { validatePades } from './pades-validation.js'
import type { SignatureReport } from './report.js'
import type { RevocationCheck } from './revocation.js'
import { validateXades } from './xades-validation.js'

/**
 * Validates a signed file by what it is: a PDF (PAdES), an XML document (XAdES), or else CMS (CAdES)
 * in DER or PEM, with its detached data when there is some. `valid` only when every signature passed.
 * Throws `NotASignature` (or whatever a parser throws) when the file is not one.
 */
export async function validateFile(
  file: Buffer,
  data: Buffer | null,
  anchors: readonly pkijs.Certificate[],
  now: Date,
  revocation: RevocationCheck,
): Promise<{ valid: boolean; signatures: SignatureReport[] }> {
  const head = file.subarray(0, 64).toString('latin1').trimStart()
  const pdf = head.startsWith('%PDF')
  const xml = head.startsWith('<') || head.startsWith('\uFEFF<')
  const pem = /-----BEGIN (PKCS7|CMS)-----([\s\S]*?)-----END \1-----/.exec(file.toString('latin1'))
  const der = pem ? Buffer.from((pem[2] as string).replace(/\s+/g, ''), 'base64') : file
  const signatures = pdf
    ? await validatePades(file, anchors, now, { revocation })
    : xml
      ? await validateXades(file, anchors, now, { revocation, detached: data })
      : await validateCms(der, data, anchors, now, { revocation })
  return { valid: signatures.every((s) => s.indication === 'TOTAL_PASSED'), signatures }
}
