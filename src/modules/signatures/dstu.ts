import { createRequire } from 'node:module'

/**
 * DSTU 4145 (Ukraine's elliptic curves over binary fields, with the GOST 34.311 hash) through jkurwa
 * and gost89, the maintained JavaScript implementations of the Ukrainian national cryptography. Only
 * verification is used: of a CMS signature, and of a certificate's signature by its issuer's key.
 * Both libraries are CommonJS without types; what is used of them is typed here and nowhere else.
 */
interface JkPubkey {
  verify(hash: Buffer, signature: Buffer): boolean
}
interface JkCertificate {
  signatureAlgorithm: string
  pubkey_unpack(): JkPubkey
  verifySignature(issuerKey: unknown, hashes: Record<string, (data: Buffer) => Buffer>): boolean
}
interface JkMessage {
  info: { contentInfo: { content: Buffer | undefined } }
  verify(hash: (data: Buffer) => Buffer): boolean
}
interface Jkurwa {
  models: {
    Message: new (der: Buffer) => JkMessage
    Certificate: { from_asn1(der: Buffer): JkCertificate }
  }
}

const require = createRequire(import.meta.url)
let loaded: { jk: Jkurwa; hash: (data: Buffer) => Buffer } | null = null
const libraries = () => {
  loaded ??= {
    jk: require('jkurwa') as Jkurwa,
    hash: (require('gost89') as { compat: { algos(): { hash(data: Buffer): Buffer } } }).compat.algos().hash,
  }
  return loaded
}

/** The GOST 34.311 hash of `data`, as DSTU 4145 signatures use it. */
export function gost34311(data: Buffer): Buffer {
  return Buffer.from(libraries().hash(data))
}

/**
 * Verifies a DSTU 4145 CMS signature: the message digest attribute against the content (attached, or
 * `detached` when given), then the signature over the signed attributes with the signer's key. False
 * when it does not verify; null when jkurwa cannot read the signature at all.
 */
export function verifyDstuCms(der: Buffer, detached: Buffer | null): boolean | null {
  const { jk, hash } = libraries()
  try {
    const message = new jk.models.Message(der)
    if (detached) message.info.contentInfo.content = detached
    return message.verify(hash) === true
  } catch {
    return null
  }
}

/** Whether a DSTU 4145 certificate was signed by the key of `issuer` (both DER). */
export function verifyDstuCertificate(cert: Buffer, issuer: Buffer): boolean {
  const { jk, hash } = libraries()
  try {
    const subject = jk.models.Certificate.from_asn1(cert)
    const by = jk.models.Certificate.from_asn1(issuer)
    return subject.verifySignature(by.pubkey_unpack(), { [subject.signatureAlgorithm]: hash }) === true
  } catch {
    return false
  }
}

/**
 * Whether DER bytes (a CRL's or an OCSP answer's signed part) were signed with DSTU 4145 by the key of
 * `issuer`: the GOST 34.311 hash of the bytes against the signature as X.509 carries it (the BIT
 * STRING's content).
 */
export function verifyDstuSigned(signed: Buffer, signature: Buffer, issuer: Buffer): boolean {
  const { jk } = libraries()
  try {
    return (
      jk.models.Certificate.from_asn1(issuer).pubkey_unpack().verify(gost34311(signed), signature) === true
    )
  } catch {
    return false
  }
}

const DSTU_KEYS = ['1.2.804.2.1.1.1.1.3.1.1', '1.2.804.2.1.1.1.1.3.1']
/** Whether a certificate's key is a DSTU 4145 key (its signatures are verified with jkurwa). */
export const isDstuKey = (algorithmOid: string) => DSTU_KEYS.some((oid) => algorithmOid.startsWith(oid))
