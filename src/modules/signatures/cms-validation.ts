import { createHash } from 'node:crypto'
import type * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { judgeCertificate } from './certificate-checks.js'
import { type CertificateInfo, describe, parseDer } from './certificates.js'
import { gost34311, verifyDstuCertificate, verifyDstuCms } from './dstu.js'
import { bytesOf, DIGEST_OIDS, derOf } from './encodings.js'
import type { SignatureReport } from './report.js'
import type { RevocationCheck } from './revocation.js'
import { cmsSigningCertificateMatches } from './signing-certificate.js'
import { checkTimeStamp, provenTime, stampNote, type TimeStampReport } from './time-stamps.js'

/** The file is not a CMS signature, or is one so malformed nothing can be read of it. */
export class NotASignature extends Error {}

const SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.5': 'RSA with SHA-1',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
  '1.2.840.113549.1.1.11': 'RSA with SHA-256',
  '1.2.840.113549.1.1.12': 'RSA with SHA-384',
  '1.2.840.113549.1.1.13': 'RSA with SHA-512',
  '1.2.840.10045.2.1': 'ECDSA',
  '1.2.840.10045.4.3.2': 'ECDSA with SHA-256',
  '1.2.840.10045.4.3.3': 'ECDSA with SHA-384',
  '1.2.840.10045.4.3.4': 'ECDSA with SHA-512',
  '1.2.804.2.1.1.1.1.3.1.1': 'DSTU 4145',
}
const DSTU_4145 = '1.2.804.2.1.1.1.1.3.1.1'
const GOST_34311 = '1.2.804.2.1.1.1.1.2.1'
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4'
const SIGNING_TIME = '1.2.840.113549.1.9.5'
const SIGNATURE_TIME_STAMP = '1.2.840.113549.1.9.16.2.14'
const CERTIFICATE_VALUES = '1.2.840.113549.1.9.16.2.23'
const REVOCATION_VALUES = '1.2.840.113549.1.9.16.2.24'
const ARCHIVE_TIME_STAMP_V3 = '0.4.0.1733.2.4'

/** The content a SignedData carries (an octet string, possibly in constructed pieces), or null. */
function attachedContent(signed: pkijs.SignedData): Buffer | null {
  const e = signed.encapContentInfo.eContent
  if (!e) return null
  return bytesOf(e.getValue())
}

function attribute(attrs: pkijs.Attribute[] | undefined, type: string) {
  return attrs?.find((a) => a.type === type)?.values[0]
}

/** The signer's certificate among those the signature carries, by its issuer and serial or its key id. */
function signerCertificate(signed: pkijs.SignedData, info: pkijs.SignerInfo): pkijs.Certificate | null {
  const certs = (signed.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  )
  const sid = info.sid
  if (sid instanceof pkijs.IssuerAndSerialNumber)
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null
  const keyId = bytesOf((sid as asn1js.OctetString).valueBlock.valueHexView)
  return (
    certs.find((c) => {
      const ski = c.extensions?.find((x) => x.extnID === '2.5.29.14')?.parsedValue as
        | asn1js.OctetString
        | undefined
      return ski && bytesOf(ski.valueBlock.valueHexView).equals(keyId)
    }) ?? null
  )
}

/** The signature's RFC 3161 time-stamps, each checked over the signature value it stamps. */
async function timeStampsOf(
  info: pkijs.SignerInfo,
  anchors: readonly pkijs.Certificate[],
  revocation: RevocationCheck | undefined,
): Promise<TimeStampReport[]> {
  const tokens = info.unsignedAttrs?.attributes.filter((a) => a.type === SIGNATURE_TIME_STAMP) ?? []
  const value = bytesOf(info.signature.valueBlock.valueHexView)
  return Promise.all(tokens.map((a) => checkTimeStamp(a.values[0], value, anchors, revocation)))
}

/** The baseline level the signature's unsigned attributes reach (ETSI EN 319 122-1). */
function levelOf(info: pkijs.SignerInfo, stamps: readonly TimeStampReport[]): SignatureReport['level'] {
  if (!stamps.some((s) => s.indication === 'PASSED')) return 'B'
  const has = (type: string) => info.unsignedAttrs?.attributes.some((a) => a.type === type) ?? false
  if (has(ARCHIVE_TIME_STAMP_V3)) return 'LTA'
  if (has(CERTIFICATE_VALUES) && has(REVOCATION_VALUES)) return 'LT'
  return 'T'
}

/**
 * Validates a CMS (CAdES) signature, attached or detached, as ETSI EN 319 102-1 orders it: the
 * signed data found, its digest, the signature's cryptography, then the signer's certificate
 * within its validity at the claimed signing time and chained to a trust anchor. Revocation is not
 * checked yet, so a certificate below an anchor stays `INDETERMINATE` / `TRY_LATER` rather than
 * passing; a certificate that is itself an anchor needs none. DSTU 4145 signatures are read and
 * reported, their cryptography not yet checked (`INDETERMINATE`).
 */
export async function validateCms(
  bytes: Buffer,
  detached: Buffer | null,
  anchors: readonly pkijs.Certificate[],
  now: Date,
  options: { claimedSigningTime?: Date | null; revocation?: RevocationCheck } = {},
): Promise<SignatureReport[]> {
  const asn = parseDer(bytes)
  if (!asn) throw new NotASignature('not DER-encoded ASN.1')
  let signed: pkijs.SignedData
  try {
    const info = new pkijs.ContentInfo({ schema: asn })
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) throw new NotASignature('not a CMS SignedData')
    signed = new pkijs.SignedData({ schema: info.content })
  } catch (error) {
    throw error instanceof NotASignature ? error : new NotASignature('not a CMS SignedData')
  }
  if (signed.signerInfos.length === 0) throw new NotASignature('a SignedData without signers')
  const content = attachedContent(signed) ?? detached
  const embedded = (signed.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  )
  const reports: SignatureReport[] = []
  for (const [index, info] of signed.signerInfos.entries()) {
    const cert = signerCertificate(signed, info)
    const signer: CertificateInfo | null = cert ? describe(cert) : null
    const signingTimeAttr = attribute(info.signedAttrs?.attributes, SIGNING_TIME) as
      | asn1js.UTCTime
      | asn1js.GeneralizedTime
      | undefined
    // The signed attribute; else what the container claims (a PDF signature's /M).
    const signingTime = signingTimeAttr ? signingTimeAttr.toDate() : (options.claimedSigningTime ?? null)
    const digestOid = info.digestAlgorithm.algorithmId
    const digest = DIGEST_OIDS[digestOid]
    const signatureOid = info.signatureAlgorithm.algorithmId
    const timestamps = await timeStampsOf(info, anchors, options.revocation)
    const base = {
      format: 'CAdES' as const,
      signer,
      signingTime: signingTime?.toISOString() ?? null,
      timestamps,
      level: levelOf(info, timestamps),
      signatureAlgorithm: SIGNATURES[signatureOid] ?? signatureOid,
      digestAlgorithm: digest?.name ?? (digestOid === GOST_34311 ? 'GOST 34.311' : digestOid),
      signedDataDigest: content
        ? { algorithm: 'SHA-256', value: createHash('sha256').update(content).digest('hex') }
        : null,
      chain: [] as CertificateInfo[],
    }
    const report = (
      indication: SignatureReport['indication'],
      subIndication: string | null,
      detail: string,
    ) => reports.push({ ...base, indication, subIndication, detail })
    if (!content) {
      report(
        'INDETERMINATE',
        'SIGNED_DATA_NOT_FOUND',
        'The signature is detached and the signed data was not given.',
      )
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
    // The certificate in the signature must be the one the signer signed for (ESS signing-certificate).
    if (cmsSigningCertificateMatches(info.signedAttrs?.attributes, cert) === false) {
      report(
        'INDETERMINATE',
        'NO_SIGNING_CERTIFICATE_FOUND',
        'The certificate in the signature is not the one the signer signed with: it was changed or swapped.',
      )
      continue
    }
    // The signed data's digest, as the signed attributes claim it.
    const claimed = attribute(info.signedAttrs?.attributes, MESSAGE_DIGEST) as asn1js.OctetString | undefined
    const dstu = signatureOid === DSTU_4145 || digestOid === GOST_34311
    if (claimed && (digest || digestOid === GOST_34311)) {
      const actual = digest ? createHash(digest.node).update(content).digest() : gost34311(content)
      if (!bytesOf(claimed.valueBlock.valueHexView).equals(actual)) {
        report(
          'TOTAL_FAILED',
          'HASH_FAILURE',
          'The signed data was changed after signing: its digest does not match.',
        )
        continue
      }
    }
    // The signature's cryptography: DSTU 4145 by jkurwa, the rest by PKI.js over WebCrypto.
    let cryptoChecked = false
    if (dstu) {
      // jkurwa verifies a message's first signer only.
      const verified = index === 0 ? verifyDstuCms(bytes, attachedContent(signed) ? null : content) : null
      if (verified === false) {
        report(
          'TOTAL_FAILED',
          'SIG_CRYPTO_FAILURE',
          'The signature value does not verify with the signer’s key.',
        )
        continue
      }
      cryptoChecked = verified === true
    } else {
      try {
        const verified = await signed.verify({
          signer: index,
          ...(attachedContent(signed) ? {} : { data: new Uint8Array(content).buffer }),
          checkChain: false,
          extendedMode: true,
        })
        if (!verified.signatureVerified) {
          report(
            'TOTAL_FAILED',
            'SIG_CRYPTO_FAILURE',
            'The signature value does not verify with the signer’s key.',
          )
          continue
        }
        cryptoChecked = true
      } catch (error) {
        const failed = error as { signatureVerified?: boolean | null }
        if (failed.signatureVerified === false) {
          report(
            'TOTAL_FAILED',
            'SIG_CRYPTO_FAILURE',
            'The signature value does not verify with the signer’s key.',
          )
          continue
        }
      }
    }
    // The certificate: within its validity when signed, and chained to an anchor.
    // A passing time-stamp proves the signature existed then; else the time the signer claims.
    const judged = await judgeCertificate(
      cert,
      embedded,
      anchors,
      provenTime(timestamps) ?? signingTime ?? now,
      {
        cryptoChecked,
        // A DSTU 4145 chain is verified link by link with jkurwa (PKI.js's engine knows only WebCrypto's keys).
        verifyLink: dstu
          ? (subject, issuer) => verifyDstuCertificate(derOf(subject), derOf(issuer))
          : undefined,
        revocation: options.revocation,
        proven: provenTime(timestamps) !== null,
        why: 'The signature uses DSTU 4145 in a form this validator could not read to check its cryptography.',
      },
    )
    base.chain = judged.chain
    report(
      judged.outcome.indication,
      judged.outcome.subIndication,
      judged.outcome.detail + stampNote(timestamps),
    )
  }
  return reports
}
