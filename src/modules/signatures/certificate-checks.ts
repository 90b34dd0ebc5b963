import * as pkijs from 'pkijs'
import { type CertificateInfo, describe } from './certificates.js'
import { derOf } from './encodings.js'
import type { SignatureReport } from './report.js'
import type { RevocationCheck } from './revocation.js'

/** The path from a certificate up to a self-signed one, by names, among the given certificates. */
function pathOf(start: pkijs.Certificate, pool: readonly pkijs.Certificate[]): pkijs.Certificate[] {
  const path = [start]
  let current = start
  for (let i = 0; i < 10 && !current.issuer.isEqual(current.subject); i++) {
    const issuer = pool.find((c) => c.subject.isEqual(current.issuer) && c !== current)
    if (!issuer) break
    path.push(issuer)
    current = issuer
  }
  return path
}

export const sameCertificate = (a: pkijs.Certificate, b: pkijs.Certificate) => derOf(a).equals(derOf(b))

type Outcome = Pick<SignatureReport, 'indication' | 'subIndication' | 'detail'>

/**
 * The signer's certificate judged as ETSI EN 319 102-1 orders it, after the signature's own checks:
 * chained to a trust anchor (PKI.js's chain validation), then valid at the signing time, then the
 * cryptography that could not be checked, then revocation of each certificate below an anchor, the
 * signer's and any intermediate CA's (`REVOKED_NO_POE`, `REVOKED_CA_NO_POE`, or `TRY_LATER` when it
 * cannot be known: never a pass); `TOTAL_PASSED` when all hold.
 */
export async function judgeCertificate(
  cert: pkijs.Certificate,
  embedded: readonly pkijs.Certificate[],
  anchors: readonly pkijs.Certificate[],
  when: Date,
  options: {
    cryptoChecked: boolean
    /**
     * How each link of the chain is verified when PKI.js's chain engine cannot (DSTU 4145): whether a
     * certificate was signed by its issuer's key. Without it, the engine checks the chain.
     */
    verifyLink?: ((subject: pkijs.Certificate, issuer: pkijs.Certificate) => boolean) | undefined
    why: string
    revocation?: RevocationCheck | undefined
    /** `when` is proven by a time-stamp (a proof of existence): a revocation after it does not count. */
    proven?: boolean
  },
): Promise<{ chain: CertificateInfo[]; outcome: Outcome }> {
  const path = pathOf(cert, [...embedded, ...anchors])
  const chain = path.map(describe)
  const outcome = (indication: Outcome['indication'], subIndication: string | null, detail: string) => ({
    chain,
    outcome: { indication, subIndication, detail },
  })
  const anchored = anchors.some((a) => sameCertificate(a, cert))
  let chained = anchored
  if (!anchored && anchors.length > 0 && options.verifyLink) {
    // Up the path, link by link, until a trust anchor.
    for (let i = 0; i + 1 < path.length && !chained; i++) {
      if (!options.verifyLink(path[i] as pkijs.Certificate, path[i + 1] as pkijs.Certificate)) break
      chained = anchors.some((a) => sameCertificate(a, path[i + 1] as pkijs.Certificate))
    }
  } else if (!anchored && anchors.length > 0) {
    // The chain's structure and signatures, checked at a time the signer's certificate was valid:
    // whether it was valid when it signed is the next question, answered apart.
    const inside = new Date(
      Math.min(Math.max(when.getTime(), cert.notBefore.value.getTime()), cert.notAfter.value.getTime()),
    )
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: [...anchors],
      certs: [...embedded.filter((c) => !sameCertificate(c, cert)), cert],
      checkDate: inside,
    })
    chained = (await engine.verify()).result
  }
  if (!chained)
    return outcome(
      'INDETERMINATE',
      'NO_CERTIFICATE_CHAIN_FOUND',
      'The signer’s certificate does not lead to a trusted certificate (trust anchor) of this office.',
    )
  if (when < cert.notBefore.value || when > cert.notAfter.value)
    return outcome(
      'INDETERMINATE',
      'OUT_OF_BOUNDS_NO_POE',
      'The signer’s certificate was not valid at the signing time, and no proof of an earlier time exists.',
    )
  if (!options.cryptoChecked)
    return outcome('INDETERMINATE', 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE', options.why)
  if (!anchored && path.length < 2)
    return outcome(
      'INDETERMINATE',
      'TRY_LATER',
      'The signer’s certificate chains to a trusted certificate, but its issuer is not at hand to check whether it was revoked.',
    )
  // Revocation of each certificate below the anchor: the signer's, then any intermediate CA's.
  for (let i = 0; i + 1 < path.length; i++) {
    const [subject, issuer] = [path[i] as pkijs.Certificate, path[i + 1] as pkijs.Certificate]
    if (anchors.some((a) => sameCertificate(a, subject))) break
    const known = options.revocation ? await options.revocation(subject, issuer) : null
    if (known?.status === 'revoked' && options.proven && when < known.at) continue
    if (known?.status === 'revoked')
      return outcome(
        'INDETERMINATE',
        i === 0 ? 'REVOKED_NO_POE' : 'REVOKED_CA_NO_POE',
        `${i === 0 ? 'The signer’s certificate' : `The certificate of the CA ${describe(subject).subject}`} was revoked on ${known.at.toISOString().slice(0, 10)}, and nothing proves the signature was made before.`,
      )
    if (known?.status !== 'good')
      return outcome(
        'INDETERMINATE',
        'TRY_LATER',
        `${i === 0 ? 'The signer’s certificate' : `The certificate of the CA ${describe(subject).subject}`} chains to a trusted certificate, but whether it was revoked could not be checked.`,
      )
  }
  return outcome(
    'TOTAL_PASSED',
    null,
    'The signature is intact and made with a trusted certificate valid at the time.',
  )
}
