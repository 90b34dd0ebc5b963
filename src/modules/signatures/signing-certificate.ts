import { createHash } from 'node:crypto'
import * as asn1js from 'asn1js'
import type * as pkijs from 'pkijs'
import { gost34311 } from './dstu.js'
import { DIGEST_OIDS, DIGEST_URIS, derOf } from './encodings.js'

const SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12'
const GOST_34311 = '1.2.804.2.1.1.1.1.2.1'
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47'

/**
 * Whether the certificate in a CMS signature is the one its signer signed for: the ESS
 * signing-certificate (SHA-1) or signing-certificate-v2 (SHA-256 unless it names another) signed
 * attribute holds its hash (RFC 2634, RFC 5035, as CAdES-B requires). Null when there is no such
 * attribute (a plain CMS signature) or its hash is one not computed here, false when it is there and
 * does not match or cannot be read.
 */
export function cmsSigningCertificateMatches(
  attributes: readonly pkijs.Attribute[] | undefined,
  cert: pkijs.Certificate,
): boolean | null {
  const attribute = attributes?.find(
    (a) => a.type === SIGNING_CERTIFICATE_V2 || a.type === SIGNING_CERTIFICATE,
  )
  if (!attribute) return null
  try {
    const certs = (attribute.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence
    const first = certs.valueBlock.value[0] as asn1js.Sequence
    const parts = first.valueBlock.value
    let hash = attribute.type === SIGNING_CERTIFICATE ? 'sha1' : 'sha256'
    let at = 0
    if (parts[0] instanceof asn1js.Sequence) {
      const oid = (parts[0].valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString()
      if (oid === GOST_34311) hash = 'gost34311'
      else {
        const named = DIGEST_OIDS[oid]?.node
        // A hash this validator does not compute: not known either way.
        if (!named) return null
        hash = named
      }
      at = 1
    }
    const expected = Buffer.from((parts[at] as asn1js.OctetString).valueBlock.valueHexView)
    const actual =
      hash === 'gost34311' ? gost34311(derOf(cert)) : createHash(hash).update(derOf(cert)).digest()
    return actual.equals(expected)
  } catch {
    return false
  }
}

/**
 * The same for XAdES: the `CertDigest` of `SigningCertificateV2` or `SigningCertificate` in the signed
 * properties, by its `DigestMethod`. Null when the signature names no signing certificate.
 */
export function xadesSigningCertificateMatches(
  digest: { method: string; value: string } | null,
  cert: pkijs.Certificate,
): boolean | null {
  if (!digest) return null
  const hash = DIGEST_URIS[digest.method]
  if (!hash) return null
  return createHash(hash)
    .update(derOf(cert))
    .digest()
    .equals(Buffer.from(digest.value.replace(/\s+/g, ''), 'base64'))
}
