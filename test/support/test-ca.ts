import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { SignedXml } from 'xml-crypto'

/**
 * A test CA made on the spot with WebCrypto and PKI.js: a root, certificates it issues (RSA or
 * ECDSA, valid or expired, with a PESEL in the subject), and CMS signatures over data with them,
 * attached or detached, as a real signer's software makes them.
 */
type Algorithm = 'RSA' | 'ECDSA'
const keyParams = (alg: Algorithm) =>
  alg === 'RSA'
    ? {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      }
    : { name: 'ECDSA', namedCurve: 'P-256' }

export interface Issued {
  cert: pkijs.Certificate
  keys: CryptoKeyPair
  der: Buffer
}

let serial = 1000
const DAY = 86_400_000

function name(cn: string, extra: [string, string][] = []) {
  const rdn = new pkijs.RelativeDistinguishedNames()
  for (const [type, value] of [
    ['2.5.4.6', 'PL'] as [string, string],
    ...extra,
    ['2.5.4.3', cn] as [string, string],
  ])
    rdn.typesAndValues.push(
      new pkijs.AttributeTypeAndValue({
        type,
        value: type === '2.5.4.6' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
      }),
    )
  return rdn
}

export async function issue(options: {
  cn: string
  alg?: Algorithm
  issuer?: Issued
  ca?: boolean
  from?: Date
  days?: number
  pesel?: string
  /** Where the issuer publishes its CRL (a distribution point in the certificate). */
  crl?: string
}): Promise<Issued> {
  const alg = options.alg ?? 'RSA'
  const keys = (await crypto.subtle.generateKey(keyParams(alg), true, ['sign', 'verify'])) as CryptoKeyPair
  const cert = new pkijs.Certificate()
  cert.version = 2
  cert.serialNumber = new asn1js.Integer({ value: serial++ })
  const subject = name(options.cn, options.pesel ? [['2.5.4.5', `PNOPL-${options.pesel}`]] : [])
  cert.subject = subject
  cert.issuer = options.issuer ? options.issuer.cert.subject : subject
  const from = options.from ?? new Date(Date.now() - DAY)
  cert.notBefore.value = from
  cert.notAfter.value = new Date(from.getTime() + (options.days ?? 365) * DAY)
  cert.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: options.ca ?? false }).toSchema().toBER(false),
      parsedValue: new pkijs.BasicConstraints({ cA: options.ca ?? false }),
    }),
  ]
  if (options.crl)
    cert.extensions.push(
      new pkijs.Extension({
        extnID: '2.5.29.31',
        critical: false,
        extnValue: new pkijs.CRLDistributionPoints({
          distributionPoints: [
            new pkijs.DistributionPoint({
              distributionPoint: [new pkijs.GeneralName({ type: 6, value: options.crl })],
            }),
          ],
        })
          .toSchema()
          .toBER(false),
      }),
    )
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey)
  await cert.sign(options.issuer ? options.issuer.keys.privateKey : keys.privateKey, 'SHA-256')
  return { cert, keys, der: Buffer.from(cert.toSchema(true).toBER(false)) }
}

/** A CMS SignedData over `data` by `signer` (with its chain), attached or detached. */
export async function signCms(
  data: Buffer,
  signer: Issued,
  options: { detached?: boolean; chain?: Issued[]; signingTime?: Date } = {},
): Promise<Buffer> {
  const bytes = new Uint8Array(data)
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: '1.2.840.113549.1.7.1',
      ...(options.detached ? {} : { eContent: new asn1js.OctetString({ valueHex: bytes }) }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: signer.cert.issuer,
          serialNumber: signer.cert.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.3',
              values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })],
            }),
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.5',
              values: [new asn1js.UTCTime({ valueDate: options.signingTime ?? new Date() })],
            }),
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.4',
              values: [new asn1js.OctetString({ valueHex: digest })],
            }),
          ],
        }),
      }),
    ],
    certificates: [signer.cert, ...(options.chain ?? []).map((c) => c.cert)],
  })
  await signed.sign(signer.keys.privateKey, 0, 'SHA-256', options.detached ? bytes : undefined)
  const info = new pkijs.ContentInfo({
    contentType: pkijs.ContentInfo.SIGNED_DATA,
    content: signed.toSchema(true),
  })
  return Buffer.from(info.toSchema().toBER(false))
}

const pem = (label: string, der: ArrayBuffer | Buffer) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der as ArrayBuffer).toString('base64')}\n-----END ${label}-----\n`

/** An enveloped XML signature over a whole document, as an office's receipt would carry it. */
export async function signXml(xml: string, signer: Issued): Promise<string> {
  const key = pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', signer.keys.privateKey))
  const cert = pem('CERTIFICATE', signer.der)
  const sig = new SignedXml({
    privateKey: key,
    publicCert: cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  })
  sig.addReference({
    xpath: '/*',
    transforms: [
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    isEmptyUri: true,
  })
  sig.computeSignature(xml)
  return sig.getSignedXml()
}

/** A CRL of `ca` naming `revoked` (revoked an hour ago), valid for a day, signed by the CA. */
export async function makeCrl(ca: Issued, revoked: readonly Issued[]): Promise<Buffer> {
  const crl = new pkijs.CertificateRevocationList()
  crl.version = 1
  crl.issuer = ca.cert.subject
  crl.thisUpdate = new pkijs.Time({ type: 0, value: new Date(Date.now() - 60_000) })
  crl.nextUpdate = new pkijs.Time({ type: 0, value: new Date(Date.now() + DAY) })
  crl.revokedCertificates = revoked.map(
    (r) =>
      new pkijs.RevokedCertificate({
        userCertificate: r.cert.serialNumber,
        revocationDate: new pkijs.Time({ type: 0, value: new Date(Date.now() - 3_600_000) }),
      }),
  )
  await crl.sign(ca.keys.privateKey, 'SHA-256')
  return Buffer.from(crl.toSchema(true).toBER(false))
}
