import { createHash } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'

/** A certificate as reports and the trust store show it. */
export interface CertificateInfo {
  subject: string
  issuer: string
  /** Hexadecimal, as certificates are looked up. */
  serial: string
  notBefore: string
  notAfter: string
  /** SHA-256 of the DER: what identifies it in the trust store. */
  sha256: string
  /** Personal identifiers the certificate carries: PESEL, РНОКПП, a tax or company number. */
  identifiers: { kind: string; value: string }[]
}

const NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'E',
}

function textOf(value: { valueBlock: { value?: unknown } }): string {
  const v = value.valueBlock.value
  return typeof v === 'string' ? v : String(v ?? '')
}

/** A distinguished name in the usual order, e.g. `CN=Jan Kowalski, serialNumber=PNOPL-…, C=PL`. */
export function nameOf(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${NAMES[tv.type] ?? tv.type}=${textOf(tv.value as { valueBlock: { value?: unknown } })}`)
    .join(', ')
}

/**
 * The personal identifiers of a subject, by ETSI EN 319 412-1 semantics in `serialNumber` and
 * `organizationIdentifier` (`PNOPL-` PESEL, `TINUA-`/`PNOUA-` РНОКПП, `VATPL-`, `NTRUA-`…), and
 * a bare 10-digit Ukrainian tax number as Ukrainian CAs write it.
 */
function identifiersOf(name: pkijs.RelativeDistinguishedNames): CertificateInfo['identifiers'] {
  const out: CertificateInfo['identifiers'] = []
  for (const tv of name.typesAndValues) {
    if (tv.type !== '2.5.4.5' && tv.type !== '2.5.4.97') continue
    const value = textOf(tv.value as { valueBlock: { value?: unknown } })
    const semantic = /^([A-Z]{3})([A-Z]{2})-(.+)$/.exec(value)
    if (semantic) {
      const [, kind, country, id] = semantic as unknown as [string, string, string, string]
      const label =
        kind === 'PNO' && country === 'PL'
          ? 'PESEL'
          : (kind === 'TIN' || kind === 'PNO') && country === 'UA'
            ? 'РНОКПП'
            : `${kind}${country}`
      out.push({ kind: label, value: id })
    } else if (/^\d{10}$/.test(value)) out.push({ kind: 'РНОКПП', value })
  }
  return out
}

const hex = (buffer: ArrayBuffer) => Buffer.from(buffer).toString('hex')

export function describe(cert: pkijs.Certificate): CertificateInfo {
  const der = Buffer.from(cert.toSchema(true).toBER(false))
  return {
    subject: nameOf(cert.subject),
    issuer: nameOf(cert.issuer),
    serial: hex(cert.serialNumber.valueBlock.valueHexView.slice().buffer),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    sha256: createHash('sha256').update(der).digest('hex'),
    identifiers: identifiersOf(cert.subject),
  }
}

/** DER bytes of PEM blocks of a given label, or the input itself when it is not PEM. */
function derBlocks(bytes: Buffer, labels: readonly string[]): Buffer[] {
  const text = bytes.subarray(0, 64).toString('latin1')
  if (!text.includes('-----BEGIN')) return [bytes]
  const pem = bytes.toString('latin1')
  const out: Buffer[] = []
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g
  for (let m = re.exec(pem); m; m = re.exec(pem))
    if (labels.includes(m[1] as string)) out.push(Buffer.from((m[2] as string).replace(/\s+/g, ''), 'base64'))
  return out
}

/** One ASN.1 structure from DER bytes, or null when they are not exactly one. */
export function parseDer(bytes: Uint8Array): asn1js.AsnType | null {
  const view = new Uint8Array(bytes)
  const parsed = asn1js.fromBER(view)
  if (parsed.offset === -1 || parsed.offset !== view.byteLength) return null
  return parsed.result
}

/**
 * The certificates in a file: one certificate (DER or PEM), several PEM certificates, or a PKCS#7
 * bundle (`.p7b`, as Ukraine's CAs publish theirs). Empty when the file holds none.
 */
export function certificatesIn(bytes: Buffer): pkijs.Certificate[] {
  const out: pkijs.Certificate[] = []
  for (const der of derBlocks(bytes, ['CERTIFICATE', 'PKCS7', 'CMS'])) {
    const asn = parseDer(der)
    if (!asn) continue
    try {
      out.push(new pkijs.Certificate({ schema: asn }))
      continue
    } catch {}
    try {
      const info = new pkijs.ContentInfo({ schema: asn })
      if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) continue
      const signed = new pkijs.SignedData({ schema: info.content })
      for (const c of signed.certificates ?? []) if (c instanceof pkijs.Certificate) out.push(c)
    } catch {}
  }
  return out
}
