import * as pkijs from 'pkijs'
import { parseDer } from './certificates.js'

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
 * Revocation by the CRLs a certificate names (HTTP, 5 s, 20 MB at most, each kept until its next
 * update), each CRL's signature checked with the issuer's key. A CRL this instance publishes itself
 * (`local`: the demo CA's) is read where it lies. `offline`: nothing is fetched and, but for those,
 * the status is `unknown`, so a validation says INDETERMINATE honestly instead of passing. OCSP is next.
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
    const urls = crlUrls(cert)
    if (urls.length === 0) return { status: 'unknown', why: 'the certificate names no CRL' }
    for (const url of urls) {
      const kept = cache.get(url)
      let crl = kept && kept.until > Date.now() ? kept.crl : null
      if (!crl) {
        crl = await obtain(url)
        if (!crl) continue
        if (!(await crl.verify({ issuerCertificate: issuer }).catch(() => false))) continue
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
