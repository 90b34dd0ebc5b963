import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { parseDer } from './certificates.js'
import { isDstuKey, verifyDstuCertificate, verifyDstuSigned } from './dstu.js'
import { derOf } from './encodings.js'

/** What is known of a certificate's revocation at a time. */
export type RevocationStatus =
  | { status: 'good' }
  | { status: 'revoked'; at: Date }
  | { status: 'unknown'; why: string }

/** Checks a certificate against its issuer's revocation data; `unknown` when it cannot be had. */
export type RevocationCheck = (
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
) => Promise<RevocationStatus>

/** The HTTP addresses of a certificate's CRL distribution points. */
function crlUrls(cert: pkijs.Certificate): string[] {
  const ext = cert.extensions?.find((e) => e.extnID === '2.5.29.31')
  const points = (ext?.parsedValue as pkijs.CRLDistributionPoints | undefined)?.distributionPoints ?? []
  const urls: string[] = []
  for (const point of points) {
    const names = point.distributionPoint
    if (!Array.isArray(names)) continue
    for (const name of names as pkijs.GeneralName[])
      if (name.type === 6 && typeof name.value === 'string' && /^https?:\/\//.test(name.value))
        urls.push(name.value)
  }
  return urls
}

/** The HTTP addresses of a certificate's OCSP responders (authority information access). */
function ocspUrls(cert: pkijs.Certificate): string[] {
  const ext = cert.extensions?.find((e) => e.extnID === '1.3.6.1.5.5.7.1.1')
  const access = (ext?.parsedValue as pkijs.InfoAccess | undefined)?.accessDescriptions ?? []
  return access
    .filter((a) => a.accessMethod === '1.3.6.1.5.5.7.48.1')
    .map((a) => a.accessLocation)
    .filter((n) => n.type === 6 && typeof n.value === 'string' && /^https?:\/\//.test(n.value))
    .map((n) => n.value as string)
}

const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9'

/**
 * Whether a DSTU 4145 OCSP answer was signed by the issuer, or by a responder certificate the issuer
 * signed for OCSP (id-kp-OCSPSigning), as Ukrainian CAs' responders are.
 */
function dstuOcspSignedBy(basic: pkijs.BasicOCSPResponse, issuer: pkijs.Certificate): boolean {
  const signed = Buffer.from(basic.tbsResponseData.tbsView)
  const signature = Buffer.from(basic.signature.valueBlock.valueHexView)
  const issuerDer = derOf(issuer)
  if (verifyDstuSigned(signed, signature, issuerDer)) return true
  return (basic.certs ?? []).some((responder) => {
    const purposes = responder.extensions?.find((e) => e.extnID === '2.5.29.37')?.parsedValue as
      | pkijs.ExtKeyUsage
      | undefined
    return (
      (purposes?.keyPurposes.includes(OCSP_SIGNING) ?? false) &&
      verifyDstuCertificate(derOf(responder), issuerDer) &&
      verifyDstuSigned(signed, signature, derOf(responder))
    )
  })
}

/**
 * Asks an OCSP responder (RFC 6960 over HTTP POST, 5 s, 1 MB) about a certificate: the answer must be
 * signed by its issuer or a responder the issuer delegated (`id-kp-OCSPSigning`), which PKI.js checks,
 * and must be about this very certificate. Null when there is no answer to believe.
 */
async function askOcsp(
  url: string,
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  timeoutMs: number,
): Promise<RevocationStatus | null> {
  try {
    const request = new pkijs.OCSPRequest()
    await request.createForCertificate(cert, { hashAlgorithm: 'SHA-256', issuerCertificate: issuer })
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: new Uint8Array(request.toSchema(true).toBER(false)),
      signal: AbortSignal.timeout(timeoutMs),
    })
    if (!res.ok) return null
    const bytes = Buffer.from(await res.arrayBuffer())
    if (bytes.length > 1024 * 1024) return null
    const asn = parseDer(bytes)
    if (!asn) return null
    const response = new pkijs.OCSPResponse({ schema: asn })
    if (response.responseStatus.valueBlock.valueDec !== 0 || !response.responseBytes) return null
    const basic = new pkijs.BasicOCSPResponse({
      schema: asn1js.fromBER(response.responseBytes.response.valueBlock.valueHexView).result,
    })
    // Signed by the issuer itself (pinned: its own chain was judged already), or by a responder it
    // delegated with id-kp-OCSPSigning: by PKI.js, or for a DSTU 4145 issuer by jkurwa.
    const verified = isDstuKey(issuer.subjectPublicKeyInfo.algorithm.algorithmId)
      ? dstuOcspSignedBy(basic, issuer)
      : await basic
          .verify({ trustedCerts: [issuer], issuerCerts: [issuer], trustedResponders: [issuer] })
          .catch(() => false)
    if (!verified) return null
    const { isForCertificate, status } = await basic.getCertificateStatus(cert, issuer)
    if (!isForCertificate) return null
    if (status === 0) return { status: 'good' }
    if (status === 1) {
      const single = basic.tbsResponseData.responses.find((r) =>
        r.certID.serialNumber.isEqual(cert.serialNumber),
      )
      const revokedInfo = single?.certStatus as asn1js.Constructed | undefined
      const time = revokedInfo?.valueBlock.value[0] as asn1js.GeneralizedTime | undefined
      return { status: 'revoked', at: time?.toDate() ?? new Date(0) }
    }
    return { status: 'unknown', why: 'the OCSP responder does not know the certificate' }
  } catch {
    return null
  }
}

/** Reads a CRL from an address within a time and size limit; null when it cannot be had. */
async function fetchCrl(url: string, timeoutMs: number): Promise<pkijs.CertificateRevocationList | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' })
    if (!res.ok) return null
    return crlOf(Buffer.from(await res.arrayBuffer()))
  } catch {
    return null
  }
}

/** Whether a CRL was signed by `issuer`: PKI.js over WebCrypto, or jkurwa for a DSTU 4145 issuer. */
async function crlSignedBy(
  crl: pkijs.CertificateRevocationList,
  issuer: pkijs.Certificate,
): Promise<boolean> {
  if (isDstuKey(issuer.subjectPublicKeyInfo.algorithm.algorithmId))
    return verifyDstuSigned(
      Buffer.from(crl.tbsView),
      Buffer.from(crl.signatureValue.valueBlock.valueHexView),
      derOf(issuer),
    )
  return crl.verify({ issuerCertificate: issuer }).catch(() => false)
}

function crlOf(bytes: Buffer): pkijs.CertificateRevocationList | null {
  try {
    if (bytes.length > 20 * 1024 * 1024) return null
    const asn = parseDer(bytes)
    return asn ? new pkijs.CertificateRevocationList({ schema: asn }) : null
  } catch {
    return null
  }
}

/**
 * Revocation by the OCSP responders a certificate names (asked first), then by the CRLs it names (HTTP, 5 s, 20 MB at most, each kept until its next
 * update), each CRL's signature checked with the issuer's key. A CRL this instance publishes itself
 * (`local`: the demo CA's) is read where it lies. `offline`: nothing is fetched and, but for those,
 * the status is `unknown`, so a validation says INDETERMINATE honestly instead of passing.
 */
export function crlRevocation(
  mode: 'online' | 'offline',
  timeoutMs = 5000,
  local: (url: string) => Promise<Buffer | null> = async () => null,
): RevocationCheck {
  const cache = new Map<string, { crl: pkijs.CertificateRevocationList; until: number }>()
  const obtain = async (url: string) => {
    const own = await local(url)
    if (own) return crlOf(own)
    return mode === 'offline' ? null : fetchCrl(url, timeoutMs)
  }
  return async (cert, issuer) => {
    // OCSP first where the certificate names a responder (fresher than a CRL), then its CRLs.
    if (mode === 'online')
      for (const url of ocspUrls(cert)) {
        const answer = await askOcsp(url, cert, issuer, timeoutMs)
        if (answer && answer.status !== 'unknown') return answer
      }
    const urls = crlUrls(cert)
    if (urls.length === 0)
      return { status: 'unknown', why: 'the certificate names no CRL nor an OCSP responder that answers' }
    for (const url of urls) {
      const kept = cache.get(url)
      let crl = kept && kept.until > Date.now() ? kept.crl : null
      if (!crl) {
        crl = await obtain(url)
        if (!crl) continue
        if (!(await crlSignedBy(crl, issuer))) continue
        cache.set(url, { crl, until: crl.nextUpdate?.value.getTime() ?? Date.now() + 3_600_000 })
      }
      const revoked = (crl.revokedCertificates ?? []).find((r) =>
        r.userCertificate.isEqual(cert.serialNumber),
      )
      return revoked ? { status: 'revoked', at: revoked.revocationDate.value } : { status: 'good' }
    }
    return {
      status: 'unknown',
      why:
        mode === 'offline'
          ? 'revocation is not checked in offline mode'
          : 'no CRL could be fetched and verified',
    }
  }
}
