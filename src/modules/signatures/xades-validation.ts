import { createHash } from 'node:crypto'
import { DOMParser, type Element } from '@xmldom/xmldom'
import * as pkijs from 'pkijs'
import { C14nCanonicalization, ExclusiveCanonicalization, findAncestorNs, SignedXml } from 'xml-crypto'
import { judgeCertificate } from './certificate-checks.js'
import { describe, parseDer } from './certificates.js'
import { NotASignature } from './cms-validation.js'
import { DIGEST_URIS } from './encodings.js'
import type { SignatureReport } from './report.js'
import type { RevocationCheck } from './revocation.js'
import { xadesSigningCertificateMatches } from './signing-certificate.js'
import { checkTimeStamp, provenTime, stampNote, type TimeStampReport } from './time-stamps.js'
import { withEcdsa } from './xml-algorithms.js'

export const DSIG = 'http://www.w3.org/2000/09/xmldsig#'
export const XADES = 'http://uri.etsi.org/01903/v1.3.2#'
const XADES141 = 'http://uri.etsi.org/01903/v1.4.1#'
const SIGNED_PROPERTIES = 'http://uri.etsi.org/01903#SignedProperties'
export const EXCLUSIVE_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#'
/** Limits on an XML signature before it is parsed: its size and how deep its elements nest. */
const MAX_XML_BYTES = 20 * 1024 * 1024
const MAX_DEPTH = 256

const ALGORITHMS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'RSA with SHA-1',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'RSA with SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'RSA with SHA-512',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': 'ECDSA with SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': 'ECDSA with SHA-384',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': 'ECDSA with SHA-512',
  'http://www.w3.org/2000/09/xmldsig#sha1': 'SHA-1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'SHA-256',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'SHA-512',
}

const children = (parent: Element, ns: string, name: string): Element[] =>
  Array.from(parent.getElementsByTagNameNS(ns, name)) as unknown as Element[]
const text = (e: Element | undefined) => (e?.textContent ?? '').trim()

/**
 * Refuses what an XML signature must never be (a DTD, entities, too large, nested too deep), then
 * parses it without resolving anything outside it; a document that is not well-formed is refused.
 */
export function parseSafely(bytes: Buffer) {
  if (bytes.length > MAX_XML_BYTES) throw new NotASignature('an XML file larger than 20 MB')
  const xml = bytes.toString('utf8')
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new NotASignature('XML with a DTD or entities is refused')
  let depth = 0
  for (const m of xml.matchAll(/<(\/?)[A-Za-z_][^>]*?(\/?)>/g)) {
    if (m[1]) depth--
    else if (!m[2]) depth++
    if (depth > MAX_DEPTH) throw new NotASignature(`XML nested deeper than ${MAX_DEPTH} elements`)
  }
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message.split('\n')[0])
      },
    }).parseFromString(xml, 'text/xml')
    return { xml, doc }
  } catch (error) {
    throw new NotASignature(`not well-formed XML (${(error as Error).message.split('\n')[0]})`)
  }
}

export type ParsedXml = ReturnType<typeof parseSafely>['doc']

const certificateOf = (base64: string) => {
  const asn = parseDer(Buffer.from(base64.replace(/\s+/g, ''), 'base64'))
  if (!asn) return null
  try {
    return new pkijs.Certificate({ schema: asn })
  } catch {
    return null
  }
}

/**
 * The `index`th signature's `ds:SignatureValue` element in canonical form, what a XAdES signature
 * time-stamp stamps: by the canonicalisation `method` it names (inclusive C14N when it names none).
 */
export function canonicalSignatureValue(doc: ParsedXml, index: number, method: string): Buffer {
  const xpath = `(//*[local-name()='SignatureValue' and namespace-uri()='${DSIG}'])[${index + 1}]`
  const value = (Array.from(doc.getElementsByTagNameNS(DSIG, 'SignatureValue')) as unknown as Element[])[
    index
  ]
  if (!value) return Buffer.alloc(0)
  const ancestorNamespaces = findAncestorNs(doc as never, xpath)
  const c14n = method.startsWith(EXCLUSIVE_C14N)
    ? new ExclusiveCanonicalization()
    : new C14nCanonicalization()
  return Buffer.from(String(c14n.process(value as never, { ancestorNamespaces })), 'utf8')
}

/** The XAdES signature time-stamps of the `index`th signature, each checked over its canonical signature value. */
async function timeStampsOf(
  doc: ParsedXml,
  node: Element,
  index: number,
  anchors: readonly pkijs.Certificate[],
  revocation: RevocationCheck | undefined,
): Promise<TimeStampReport[]> {
  return Promise.all(
    children(node, XADES, 'SignatureTimeStamp').map((stamp) => {
      const method = children(stamp, DSIG, 'CanonicalizationMethod')[0]?.getAttribute('Algorithm') ?? ''
      const token = Buffer.from(
        text(children(stamp, XADES, 'EncapsulatedTimeStamp')[0]).replace(/\s+/g, ''),
        'base64',
      )
      return checkTimeStamp(token, canonicalSignatureValue(doc, index, method), anchors, revocation)
    }),
  )
}

type Reference = ReturnType<SignedXml['getReferences']>[number]

/**
 * Lets the checker verify a detached signature's reference to a file outside the document (a URI
 * that is neither empty nor `#…`) against the detached data given: its digest, with no transforms
 * (the octets as they are), by the reference's digest method. xml-crypto resolves only references inside the document; every
 * other reference is still its own to check.
 */
function withDetachedData(checker: SignedXml, data: Buffer) {
  const own = checker as unknown as { validateReference(ref: Reference, doc: unknown): string | undefined }
  const inside = own.validateReference.bind(checker)
  own.validateReference = (ref, doc) => {
    const uri = ref.uri ?? ''
    if (uri === '' || uri.startsWith('#')) return inside(ref, doc)
    const hash = DIGEST_URIS[ref.digestAlgorithm ?? '']
    // xml-crypto adds inclusive C14N to a reference without transforms; over octets it means nothing.
    const transforms = (ref.transforms ?? []).filter(
      (t) => t !== 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
    )
    if (!hash || transforms.length > 0) {
      ref.validationError = new Error(
        `could not find the detached data of ${uri} in a form this validator reads`,
      )
      return undefined
    }
    if (createHash(hash).update(data).digest('base64') !== ref.digestValue) {
      ref.validationError = new Error(
        `invalid signature: the digest of the detached data for ${uri} does not match`,
      )
      return undefined
    }
    return data.toString('latin1')
  }
}

/** The baseline level the unsigned properties reach (ETSI EN 319 132-1). */
function levelOf(node: Element, stamps: readonly TimeStampReport[]): SignatureReport['level'] {
  if (!stamps.some((s) => s.indication === 'PASSED')) return 'B'
  if (children(node, XADES141, 'ArchiveTimeStamp').length > 0) return 'LTA'
  const has = (name: string) => children(node, XADES, name).length > 0
  if (has('CertificateValues') && (has('RevocationValues') || has('AttrAuthoritiesCertValues'))) return 'LT'
  return 'T'
}

/**
 * Validates the XML signatures (XAdES, or plain XMLDSig) of a document, enveloped or enveloping, as
 * ETSI EN 319 102-1 orders it: a reference to signed data present; every reference's digest (xml-crypto
 * with exclusive and inclusive canonicalisation); the signature value; then the signer's
 * certificate (from KeyInfo) at the claimed signing time and chained to a trust anchor.
 */
export async function validateXades(
  bytes: Buffer,
  anchors: readonly pkijs.Certificate[],
  now: Date,
  options: { revocation?: RevocationCheck; detached?: Buffer | null } = {},
): Promise<SignatureReport[]> {
  const { xml, doc } = parseSafely(bytes)
  const signatures = Array.from(doc.getElementsByTagNameNS(DSIG, 'Signature')) as unknown as Element[]
  if (signatures.length === 0) throw new NotASignature('an XML document without a signature')
  const reports: SignatureReport[] = []
  for (const [index, node] of signatures.entries()) {
    const certs = children(node, DSIG, 'X509Certificate')
      .map((e) => certificateOf(text(e)))
      .filter((c): c is pkijs.Certificate => c !== null)
    const cert = certs[0] ?? null
    const refs = children(node, DSIG, 'Reference')
    const dataRefs = refs.filter((r) => r.getAttribute('Type') !== SIGNED_PROPERTIES)
    const signingTimeText = text(children(node, XADES, 'SigningTime')[0])
    const signingTime = signingTimeText ? new Date(signingTimeText) : null
    const timestamps = await timeStampsOf(doc, node, index, anchors, options.revocation)
    const method = children(node, DSIG, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? ''
    const digestMethod = dataRefs[0]
      ? (children(dataRefs[0], DSIG, 'DigestMethod')[0]?.getAttribute('Algorithm') ?? '')
      : ''
    const base = {
      format: 'XAdES' as const,
      signer: cert ? describe(cert) : null,
      signingTime: signingTime && !Number.isNaN(signingTime.getTime()) ? signingTime.toISOString() : null,
      timestamps,
      level: levelOf(node, timestamps),
      signatureAlgorithm: ALGORITHMS[method] ?? (method || null),
      digestAlgorithm: ALGORITHMS[digestMethod] ?? (digestMethod || null),
      signedDataDigest: null as SignatureReport['signedDataDigest'],
      chain: [] as SignatureReport['chain'],
    }
    const report = (
      indication: SignatureReport['indication'],
      subIndication: string | null,
      detail: string,
    ) => reports.push({ ...base, indication, subIndication, detail })
    if (dataRefs.length === 0) {
      report('INDETERMINATE', 'SIGNED_DATA_NOT_FOUND', 'The signature refers to no signed data.')
      continue
    }
    if (!cert) {
      report(
        'INDETERMINATE',
        'NO_SIGNING_CERTIFICATE_FOUND',
        "The signer's certificate is not in the signature.",
      )
      continue
    }
    // The certificate in KeyInfo must be the one the signed properties name (its digest).
    const certDigest = (['SigningCertificateV2', 'SigningCertificate'] as const)
      .flatMap((name) => children(node, XADES, name))
      .flatMap((e) => children(e, XADES, 'CertDigest'))[0]
    const named = certDigest
      ? {
          method: children(certDigest, DSIG, 'DigestMethod')[0]?.getAttribute('Algorithm') ?? '',
          value: text(children(certDigest, DSIG, 'DigestValue')[0]),
        }
      : null
    if (xadesSigningCertificateMatches(named, cert) === false) {
      report(
        'INDETERMINATE',
        'NO_SIGNING_CERTIFICATE_FOUND',
        'The certificate in the signature is not the one the signer signed with: it was changed or swapped.',
      )
      continue
    }
    const pem = `-----BEGIN CERTIFICATE-----\n${Buffer.from(cert.toSchema(true).toBER(false)).toString('base64')}\n-----END CERTIFICATE-----\n`
    const checker = withEcdsa(new SignedXml({ publicCert: pem, getCertFromKeyInfo: () => null }))
    if (options.detached) withDetachedData(checker, options.detached)
    checker.loadSignature(node as unknown as Parameters<SignedXml['loadSignature']>[0])
    let verified = false
    let valueFailed = false
    try {
      verified = checker.checkSignature(xml)
    } catch (error) {
      valueFailed = /signature value/i.test(String((error as Error).message))
      if (!valueFailed) {
        report('TOTAL_FAILED', 'FORMAT_FAILURE', 'The signature cannot be read as XMLDSig requires.')
        continue
      }
    }
    if (!verified) {
      const failed = checker.getReferences().find((r) => r.validationError)
      if (valueFailed || !failed) {
        report(
          'TOTAL_FAILED',
          'SIG_CRYPTO_FAILURE',
          'The signature value does not verify with the signer’s key.',
        )
      } else if (failed.type === SIGNED_PROPERTIES) {
        report(
          'TOTAL_FAILED',
          'SIG_CRYPTO_FAILURE',
          'The signed properties were changed or removed after signing.',
        )
      } else if (/could not find/.test(String(failed.validationError?.message))) {
        report(
          'INDETERMINATE',
          'SIGNED_DATA_NOT_FOUND',
          'The signed data the signature refers to is not there.',
        )
      } else {
        report(
          'TOTAL_FAILED',
          'HASH_FAILURE',
          'The signed data was changed after signing: its digest does not match.',
        )
      }
      continue
    }
    const signed = checker.getReferences().find((r) => r.type !== SIGNED_PROPERTIES)?.signedReference
    if (signed)
      base.signedDataDigest = {
        algorithm: 'SHA-256',
        value: createHash('sha256').update(signed).digest('hex'),
      }
    // A passing time-stamp proves the signature existed then; else the time the signer claims.
    const when = provenTime(timestamps) ?? signingTime ?? now
    const judged = await judgeCertificate(cert, certs.slice(1), anchors, when, {
      cryptoChecked: true,
      why: '',
      revocation: options.revocation,
      proven: provenTime(timestamps) !== null,
    })
    base.chain = judged.chain
    report(
      judged.outcome.indication,
      judged.outcome.subIndication,
      judged.outcome.detail + stampNote(timestamps),
    )
  }
  return reports
}
