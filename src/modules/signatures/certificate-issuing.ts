import type { webcrypto } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'

/** What a certificate is for: a CA, an office seal or a person's signature, or a time-stamping authority. */
export type Usage = 'ca' | 'seal' | 'tsa'
export type KeyAlgorithm = 'RSA' | 'ECDSA'

export interface IssuedCertificate {
  cert: pkijs.Certificate
  keys: webcrypto.CryptoKeyPair
}

const DAY = 86_400_000
const COUNTRY = '2.5.4.6'

const keyParams = (alg: KeyAlgorithm) =>
  alg === 'RSA'
    ? {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      }
    : { name: 'ECDSA', namedCurve: 'P-256' }

/** A distinguished name from attribute types and values in order (`2.5.4.6` country, `2.5.4.3` common name…). */
export function distinguishedName(attributes: readonly (readonly [string, string])[]) {
  const name = new pkijs.RelativeDistinguishedNames()
  for (const [type, value] of attributes)
    name.typesAndValues.push(
      new pkijs.AttributeTypeAndValue({
        type,
        value: type === COUNTRY ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
      }),
    )
  return name
}

const extension = (extnID: string, critical: boolean, value: { toSchema(): asn1js.AsnType }) =>
  new pkijs.Extension({ extnID, critical, extnValue: value.toSchema().toBER(false) })

/** RFC 5280 key usage bits: digitalSignature and nonRepudiation, or keyCertSign and cRLSign. */
const keyUsage = (usage: Usage) =>
  usage === 'ca'
    ? new asn1js.BitString({ valueHex: new Uint8Array([0x06]), unusedBits: 1 })
    : new asn1js.BitString({ valueHex: new Uint8Array([usage === 'tsa' ? 0x80 : 0xc0]), unusedBits: 6 })

/**
 * Makes a key pair and a certificate for it with PKI.js and WebCrypto: self-signed, or issued by
 * `issuer`; with basic constraints, key usage, the time-stamping purpose for a TSA, and a CRL
 * distribution point when `crl` is given. For demo and test authorities, never for real trust.
 */
export async function issueCertificate(options: {
  subject: readonly (readonly [string, string])[]
  issuer?: IssuedCertificate | undefined
  usage: Usage
  alg?: KeyAlgorithm | undefined
  from?: Date | undefined
  days?: number | undefined
  crl?: string | undefined
  /** Where the issuer's OCSP responder answers (authority information access). */
  ocsp?: string | undefined
}): Promise<IssuedCertificate> {
  const keys = (await crypto.subtle.generateKey(keyParams(options.alg ?? 'RSA'), true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair
  const cert = new pkijs.Certificate()
  cert.version = 2
  const serial = crypto.getRandomValues(new Uint8Array(16))
  serial[0] = ((serial[0] as number) & 0x7f) | 0x01
  cert.serialNumber = new asn1js.Integer({ valueHex: serial })
  cert.subject = distinguishedName(options.subject)
  cert.issuer = options.issuer ? options.issuer.cert.subject : cert.subject
  const from = options.from ?? new Date(Date.now() - DAY)
  cert.notBefore.value = from
  cert.notAfter.value = new Date(from.getTime() + (options.days ?? 365) * DAY)
  cert.extensions = [
    extension('2.5.29.19', true, new pkijs.BasicConstraints({ cA: options.usage === 'ca' })),
    new pkijs.Extension({
      extnID: '2.5.29.15',
      critical: true,
      extnValue: keyUsage(options.usage).toBER(false),
    }),
  ]
  if (options.usage === 'tsa')
    cert.extensions.push(
      extension('2.5.29.37', true, new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.8'] })),
    )
  if (options.crl)
    cert.extensions.push(
      extension(
        '2.5.29.31',
        false,
        new pkijs.CRLDistributionPoints({
          distributionPoints: [
            new pkijs.DistributionPoint({
              distributionPoint: [new pkijs.GeneralName({ type: 6, value: options.crl })],
            }),
          ],
        }),
      ),
    )
  if (options.ocsp)
    cert.extensions.push(
      extension(
        '1.3.6.1.5.5.7.1.1',
        false,
        new pkijs.InfoAccess({
          accessDescriptions: [
            new pkijs.AccessDescription({
              accessMethod: '1.3.6.1.5.5.7.48.1',
              accessLocation: new pkijs.GeneralName({ type: 6, value: options.ocsp }),
            }),
          ],
        }),
      ),
    )
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey)
  await cert.sign(options.issuer ? options.issuer.keys.privateKey : keys.privateKey, 'SHA-256')
  // Read back from DER, as a validator will see it (its extensions parsed).
  return {
    cert: new pkijs.Certificate({ schema: asn1js.fromBER(cert.toSchema(true).toBER(false)).result }),
    keys,
  }
}

/** A CRL of `ca` naming the `revoked` serials, valid for `days`, signed by the CA. */
export async function issueCrl(
  ca: IssuedCertificate,
  revoked: readonly { serial: asn1js.Integer; at: Date }[],
  days: number,
): Promise<Buffer> {
  const crl = new pkijs.CertificateRevocationList()
  crl.version = 1
  crl.issuer = ca.cert.subject
  crl.thisUpdate = new pkijs.Time({ type: 0, value: new Date(Date.now() - 60_000) })
  crl.nextUpdate = new pkijs.Time({ type: 0, value: new Date(Date.now() + days * DAY) })
  if (revoked.length)
    crl.revokedCertificates = revoked.map(
      (r) =>
        new pkijs.RevokedCertificate({
          userCertificate: r.serial,
          revocationDate: new pkijs.Time({ type: 0, value: r.at }),
        }),
    )
  await crl.sign(ca.keys.privateKey, 'SHA-256')
  return Buffer.from(crl.toSchema(true).toBER(false))
}
