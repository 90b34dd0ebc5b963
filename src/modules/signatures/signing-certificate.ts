import { createHash } from 'node:crypto'
import * as asn1js from 'asn1js'
import type * as pkijs from 'pkijs'
import { gost34311 } from './dstu.js'

const SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12'
const GOST_34311 = '1.2.804.2.1.1.1.1.2.1'
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47'
const OID_HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
}
const URI_HASHES: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
}

const derOf = (cert: pkijs.Certificate) => Buffer.from(cert.toSchema(true).toBER(false))

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
        const named = OID_HASHES[oid]
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
  const hash = URI_HASHES[digest.method]
  if (!hash) return null
  return createHash(hash)
    .update(derOf(cert))
    .digest()
    .equals(Buffer.from(digest.value.replace(/\s+/g, ''), 'base64'))
}
