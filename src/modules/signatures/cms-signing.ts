import type { webcrypto } from 'node:crypto'
import { createHash } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { parseDer } from './certificates.js'
import { derOf } from './encodings.js'

/** A key that signs, with its certificate and the chain above it (to put in the signature). */
export interface SigningKey {
  privateKey: webcrypto.CryptoKey
  cert: pkijs.Certificate
  chain: readonly pkijs.Certificate[]
}

const DATA = '1.2.840.113549.1.7.1'
const CONTENT_TYPE = '1.2.840.113549.1.9.3'
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4'
const SIGNING_TIME = '1.2.840.113549.1.9.5'
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47'
const SIGNATURE_TIME_STAMP = '1.2.840.113549.1.9.16.2.14'

/** ESS signing-certificate-v2 (RFC 5035): the signer's certificate by its SHA-256, as CAdES-B requires. */
function signingCertificateV2(cert: pkijs.Certificate) {
  const hash = createHash('sha256').update(derOf(cert)).digest()
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: hash })] })],
      }),
    ],
  })
}

/**
 * A CMS SignedData (CAdES-B, SHA-256) over `data` by `key`: content type, message digest, the
 * signing certificate and (unless `signingTime` is null, as PAdES wants) the signing time as signed
 * attributes; the data attached or detached. `timeStamp`, when given, stamps the signature value and
 * its token becomes the signature time-stamp (CAdES-T).
 */
export async function signedData(
  data: Buffer,
  key: SigningKey,
  options: {
    detached?: boolean
    contentType?: string
    signingTime?: Date | null
    timeStamp?: (signatureValue: Buffer) => Promise<Buffer>
  } = {},
): Promise<Buffer> {
  const bytes = new Uint8Array(data)
  const contentType = options.contentType ?? DATA
  const attributes = [
    new pkijs.Attribute({
      type: CONTENT_TYPE,
      values: [new asn1js.ObjectIdentifier({ value: contentType })],
    }),
    ...(options.signingTime === null
      ? []
      : [
          new pkijs.Attribute({
            type: SIGNING_TIME,
            values: [new asn1js.UTCTime({ valueDate: options.signingTime ?? new Date() })],
          }),
        ]),
    new pkijs.Attribute({
      type: MESSAGE_DIGEST,
      values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(data).digest() })],
    }),
    new pkijs.Attribute({ type: SIGNING_CERTIFICATE_V2, values: [signingCertificateV2(key.cert)] }),
  ]
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: contentType,
      ...(options.detached ? {} : { eContent: new asn1js.OctetString({ valueHex: bytes }) }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: key.cert.issuer,
          serialNumber: key.cert.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [key.cert, ...key.chain],
  })
  await signed.sign(key.privateKey, 0, 'SHA-256', options.detached ? bytes : undefined)
  const signer = signed.signerInfos[0] as pkijs.SignerInfo
  if (options.timeStamp) {
    const token = await options.timeStamp(Buffer.from(signer.signature.valueBlock.valueHexView))
    signer.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [
        new pkijs.Attribute({ type: SIGNATURE_TIME_STAMP, values: [parseDer(token) as asn1js.Sequence] }),
      ],
    })
  }
  const info = new pkijs.ContentInfo({
    contentType: pkijs.ContentInfo.SIGNED_DATA,
    content: signed.toSchema(true),
  })
  return Buffer.from(info.toSchema().toBER(false))
}
