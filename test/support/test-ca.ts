import { createHash } from 'node:crypto'
import type * as pkijs from 'pkijs'
import { SignedXml } from 'xml-crypto'
import {
  issueCertificate,
  issueCrl,
  type KeyAlgorithm,
} from '../../src/modules/signatures/certificate-issuing.js'
import { signedData } from '../../src/modules/signatures/cms-signing.js'

/**
 * A test CA made on the spot with WebCrypto and PKI.js: a root, certificates it issues (RSA or
 * ECDSA, valid or expired, with a PESEL in the subject), and CMS signatures over data with them,
 * attached or detached, as a real signer's software makes them.
 */
export interface Issued {
  cert: pkijs.Certificate
  keys: CryptoKeyPair
  der: Buffer
}

export async function issue(options: {
  cn: string
  alg?: KeyAlgorithm
  issuer?: Issued
  ca?: boolean
  /** A time-stamping authority's certificate (key usage and the time-stamping purpose). */
  tsa?: boolean
  from?: Date
  days?: number
  pesel?: string
  /** Where the issuer publishes its CRL (a distribution point in the certificate). */
  crl?: string
  /** Where the issuer's OCSP responder answers. */
  ocsp?: string
}): Promise<Issued> {
  const { cert, keys } = await issueCertificate({
    subject: [
      ['2.5.4.6', 'PL'],
      ...(options.pesel ? [['2.5.4.5', `PNOPL-${options.pesel}`] as const] : []),
      ['2.5.4.3', options.cn],
    ],
    issuer: options.issuer,
    usage: options.ca ? 'ca' : options.tsa ? 'tsa' : 'seal',
    alg: options.alg,
    from: options.from,
    days: options.days,
    crl: options.crl,
    ocsp: options.ocsp,
  })
  return { cert, keys, der: Buffer.from(cert.toSchema(true).toBER(false)) }
}

/** A CMS SignedData over `data` by `signer` (with its chain), attached or detached, optionally time-stamped. */
export async function signCms(
  data: Buffer,
  signer: Issued,
  options: {
    detached?: boolean
    chain?: Issued[]
    signingTime?: Date
    timeStamp?: (signatureValue: Buffer) => Promise<Buffer>
  } = {},
): Promise<Buffer> {
  return signedData(
    data,
    {
      privateKey: signer.keys.privateKey,
      cert: signer.cert,
      chain: (options.chain ?? []).map((c) => c.cert),
    },
    options,
  )
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
export const makeCrl = (ca: Issued, revoked: readonly Issued[]): Promise<Buffer> =>
  issueCrl(
    ca,
    revoked.map((r) => ({ serial: r.cert.serialNumber, at: new Date(Date.now() - 3_600_000) })),
    1,
  )

/**
 * A detached XML signature over a file (`<ds:Signature>` alone, its reference naming the file), as
 * signing software makes one beside a PDF: the file's SHA-256 in the reference, RSA-SHA256 over the
 * exclusive canonical form of SignedInfo.
 */
export async function signXmlDetached(data: Buffer, fileName: string, signer: Issued): Promise<string> {
  const ds = 'http://www.w3.org/2000/09/xmldsig#'
  const signedInfo =
    `<ds:SignedInfo xmlns:ds="${ds}"><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:CanonicalizationMethod>` +
    '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"></ds:SignatureMethod>' +
    `<ds:Reference URI="${fileName}"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></ds:DigestMethod>` +
    `<ds:DigestValue>${createHash('sha256').update(data).digest('base64')}</ds:DigestValue></ds:Reference></ds:SignedInfo>`
  const value = Buffer.from(
    await crypto.subtle.sign(
      'RSASSA-PKCS1-v1_5',
      signer.keys.privateKey,
      new TextEncoder().encode(signedInfo),
    ),
  ).toString('base64')
  return (
    `<ds:Signature xmlns:ds="${ds}">${signedInfo.replace(` xmlns:ds="${ds}"`, '')}<ds:SignatureValue>${value}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${signer.der.toString('base64')}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>`
  )
}
