import { createHash } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { judgeCertificate } from './certificate-checks.js'
import { describe, parseDer } from './certificates.js'
import { bytesOf, DIGEST_OIDS } from './encodings.js'
import type { TimeStampReport } from './report.js'
import type { RevocationCheck } from './revocation.js'

export type { TimeStampReport }

const TST_INFO = '1.2.840.113549.1.9.16.1.4'
const SHA256 = '2.16.840.1.101.3.4.2.1'

/** A time-stamp token (a CMS SignedData over a TSTInfo) read from DER, or null. */
function tokenOf(der: Buffer | asn1js.AsnType): { signed: pkijs.SignedData; info: pkijs.TSTInfo } | null {
  try {
    const asn = der instanceof Buffer ? parseDer(der) : der
    if (!asn) return null
    const signed = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: asn }).content })
    const content = signed.encapContentInfo.eContent
    if (signed.encapContentInfo.eContentType !== TST_INFO || !content) return null
    const info = new pkijs.TSTInfo({ schema: parseDer(bytesOf(content.getValue())) ?? undefined })
    return { signed, info }
  } catch {
    return null
  }
}

/**
 * Checks an RFC 3161 time-stamp token over `stamped` (a signature's value, or its canonical XML) by
 * ETSI EN 319 102-1's time-stamp validation: the token readable, its message imprint that of the
 * stamped bytes (`HASH_FAILURE` otherwise), the authority's signature over it, then the authority's
 * certificate chained to a trust anchor at the time it states.
 */
export async function checkTimeStamp(
  token: Buffer | asn1js.AsnType,
  stamped: Buffer,
  anchors: readonly pkijs.Certificate[],
  revocation?: RevocationCheck,
): Promise<TimeStampReport> {
  const read = tokenOf(token)
  if (!read) return { time: null, indication: 'FAILED', subIndication: 'FORMAT_FAILURE', tsa: null }
  const { signed, info } = read
  const time = info.genTime
  const embedded = (signed.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  )
  const judged = (
    indication: TimeStampReport['indication'],
    subIndication: string | null,
    tsa: string | null,
  ) => ({
    time: time.toISOString(),
    indication,
    subIndication,
    tsa,
  })
  const hash = DIGEST_OIDS[info.messageImprint.hashAlgorithm.algorithmId]?.node
  const imprint = bytesOf(info.messageImprint.hashedMessage.valueBlock.valueHexView)
  if (!hash || !createHash(hash).update(stamped).digest().equals(imprint))
    return judged('FAILED', 'HASH_FAILURE', null)
  let tsaCert: pkijs.Certificate | null = null
  try {
    // PKI.js checks the imprint over the stamped data again, then the authority's signature.
    const verified = await signed.verify({
      signer: 0,
      data: new Uint8Array(stamped).buffer,
      checkChain: false,
      extendedMode: true,
    })
    tsaCert = verified.signerCertificate ?? null
    if (!verified.signatureVerified)
      return judged('FAILED', 'SIG_CRYPTO_FAILURE', tsaCert && describe(tsaCert).subject)
  } catch (error) {
    const failed = error as { signatureVerified?: boolean | null; signerCertificate?: pkijs.Certificate }
    const subject = failed.signerCertificate ? describe(failed.signerCertificate).subject : null
    if (failed.signatureVerified === false) return judged('FAILED', 'SIG_CRYPTO_FAILURE', subject)
    return judged('INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND', subject)
  }
  if (!tsaCert) return judged('INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND', null)
  const { outcome } = await judgeCertificate(tsaCert, embedded, anchors, time, {
    cryptoChecked: true,
    why: '',
    revocation,
  })
  const tsa = describe(tsaCert).subject
  return outcome.indication === 'TOTAL_PASSED'
    ? judged('PASSED', null, tsa)
    : judged('INDETERMINATE', outcome.subIndication, tsa)
}

/** The earliest time a passing time-stamp proves: the best signature time, or null. */
export function provenTime(stamps: readonly TimeStampReport[]): Date | null {
  const times = stamps
    .filter((s) => s.indication === 'PASSED' && s.time)
    .map((s) => Date.parse(s.time as string))
  return times.length ? new Date(Math.min(...times)) : null
}

/** What the report adds when a time-stamp on the signature did not hold: it was left out of the judgement. */
export function stampNote(stamps: readonly TimeStampReport[]): string {
  const failed = stamps.filter((s) => s.indication !== 'PASSED').length
  if (failed === 0) return ''
  return failed === stamps.length && failed === 1
    ? ' Its time-stamp does not hold and proves nothing; it was left out.'
    : ` ${failed} of its ${stamps.length} time-stamps do not hold and were left out.`
}

/** An RFC 3161 request for a time-stamp over `data` (SHA-256, with the authority's certificate). */
export function timeStampRequest(data: Buffer): Buffer {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: createHash('sha256').update(data).digest() }),
    }),
    nonce: new asn1js.Integer({ valueHex: crypto.getRandomValues(new Uint8Array(8)) }),
    certReq: true,
  })
  return Buffer.from(request.toSchema().toBER(false))
}

/** A time-stamping authority could not be reached, or refused or garbled its answer. */
export class TimeStampUnavailable extends Error {}

/**
 * Asks a time-stamping authority (RFC 3161 over HTTP) for a token over `data`, checks the answer
 * stamps that data, and gives the token's DER (a CMS ContentInfo).
 */
export async function requestTimeStamp(url: string, data: Buffer, timeoutMs = 10_000): Promise<Buffer> {
  let answer: Response
  try {
    answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: new Uint8Array(timeStampRequest(data)),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    throw new TimeStampUnavailable(`the time-stamping authority did not answer (${(error as Error).message})`)
  }
  if (!answer.ok) throw new TimeStampUnavailable(`the time-stamping authority answered HTTP ${answer.status}`)
  const body = Buffer.from(await answer.arrayBuffer())
  let token: Buffer
  try {
    const asn = parseDer(body)
    if (!asn) throw new Error('not DER')
    const response = new pkijs.TimeStampResp({ schema: asn })
    if (response.status.status > 1 || !response.timeStampToken)
      throw new TimeStampUnavailable(`the time-stamping authority refused (status ${response.status.status})`)
    token = Buffer.from(response.timeStampToken.toSchema().toBER(false))
  } catch (error) {
    if (error instanceof TimeStampUnavailable) throw error
    throw new TimeStampUnavailable('the time-stamping authority answered something that is not a time-stamp')
  }
  const read = tokenOf(token)
  const imprint = read && bytesOf(read.info.messageImprint.hashedMessage.valueBlock.valueHexView)
  if (!imprint?.equals(createHash('sha256').update(data).digest()))
    throw new TimeStampUnavailable('the time-stamp the authority gave stamps other data')
  return token
}
