import { createHash, randomUUID } from 'node:crypto'
import { DOMParser, type Element, XMLSerializer } from '@xmldom/xmldom'
import { SignedXml } from 'xml-crypto'
import type { SigningKey } from './cms-signing.js'
import { derOf } from './encodings.js'
import { SealRefused } from './seal-pades.js'
import { canonicalSignatureValue, DSIG, EXCLUSIVE_C14N, parseSafely, XADES } from './xades-validation.js'
import { withEcdsa } from './xml-algorithms.js'

const SIGNED_PROPERTIES = 'http://uri.etsi.org/01903#SignedProperties'
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256'
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature'

const pem = (label: string, der: ArrayBuffer | Uint8Array) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der as ArrayBuffer).toString('base64')}\n-----END ${label}-----\n`

/** The XAdES signed properties: when it was sealed, and by which certificate (by its SHA-256). */
function qualifyingProperties(signatureId: string, propertiesId: string, certDer: Buffer, at: Date) {
  const digest = createHash('sha256').update(certDer).digest('base64')
  return (
    `<xades:QualifyingProperties xmlns:xades="${XADES}" Target="#${signatureId}">` +
    `<xades:SignedProperties Id="${propertiesId}"><xades:SignedSignatureProperties>` +
    `<xades:SigningTime>${at.toISOString().replace(/\.\d{3}Z$/, 'Z')}</xades:SigningTime>` +
    '<xades:SigningCertificateV2><xades:Cert><xades:CertDigest>' +
    `<ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue>${digest}</ds:DigestValue>` +
    '</xades:CertDigest></xades:Cert></xades:SigningCertificateV2>' +
    '</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties>'
  )
}

/** A seal's key as XML sealing uses it: the private key in PEM, the certificates in DER, the algorithm. */
export interface XmlSealingKey {
  privateKeyPem: string
  certDers: Buffer[]
  ecdsa: boolean
}

const prepared = new WeakMap<SigningKey, Promise<XmlSealingKey>>()

/** The key as XML sealing needs it, made once per key (exporting and encoding it is not free). */
export function xmlSealingKey(key: SigningKey): Promise<XmlSealingKey> {
  let made = prepared.get(key)
  if (!made) {
    made = crypto.subtle.exportKey('pkcs8', key.privateKey).then((pkcs8) => ({
      privateKeyPem: pem('PRIVATE KEY', pkcs8),
      certDers: [key.cert, ...key.chain].map(derOf),
      ecdsa: key.privateKey.algorithm.name === 'ECDSA',
    }))
    prepared.set(key, made)
  }
  return made
}

/**
 * Seals an XML document (a receipt, a certificate) with an enveloped XAdES baseline signature: the
 * whole document and the signed properties (signing time, signing certificate) referenced by
 * SHA-256, signed with RSA or ECDSA by xml-crypto, the certificate and its chain in KeyInfo. With
 * `timeStamp`, the canonical signature value is time-stamped (RFC 3161) and the token added as the
 * signature time-stamp: level T.
 */
export async function sealXml(
  xml: Buffer,
  key: SigningKey,
  options: { at?: Date; timeStamp?: (stamped: Buffer) => Promise<Buffer> } = {},
): Promise<Buffer> {
  return sealXmlWith(xml, await xmlSealingKey(key), options)
}

/** `sealXml` with the key prepared (what a worker thread is given). */
export async function sealXmlWith(
  xml: Buffer,
  key: XmlSealingKey,
  options: { at?: Date; timeStamp?: (stamped: Buffer) => Promise<Buffer> } = {},
): Promise<Buffer> {
  const { xml: text } = parseSafely(xml)
  const id = randomUUID()
  const signatureId = `seal-${id}`
  const propertiesId = `seal-properties-${id}`
  const certs = key.certDers
  const ecdsa = key.ecdsa
  const signer = withEcdsa(
    new SignedXml({
      privateKey: key.privateKeyPem,
      signatureAlgorithm: ecdsa
        ? 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256'
        : 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: EXCLUSIVE_C14N,
      getKeyInfoContent: (args) => {
        const p = args?.prefix ? `${args.prefix}:` : ''
        return `<${p}X509Data>${certs.map((c) => `<${p}X509Certificate>${c.toString('base64')}</${p}X509Certificate>`).join('')}</${p}X509Data>`
      },
      objects: [
        {
          content: qualifyingProperties(
            signatureId,
            propertiesId,
            certs[0] as Buffer,
            options.at ?? new Date(),
          ),
        },
      ],
    }),
  )
  signer.addReference({
    xpath: '/*',
    transforms: [ENVELOPED, EXCLUSIVE_C14N],
    digestAlgorithm: SHA256,
    isEmptyUri: true,
  })
  signer.addReference({
    xpath: `//*[@Id='${propertiesId}']`,
    transforms: [EXCLUSIVE_C14N],
    digestAlgorithm: SHA256,
    type: SIGNED_PROPERTIES,
  })
  try {
    signer.computeSignature(text, {
      prefix: 'ds',
      attrs: { Id: signatureId },
      location: { reference: '/*', action: 'append' },
    })
  } catch (error) {
    throw new SealRefused(`the XML document cannot be sealed (${(error as Error).message.split('\n')[0]})`)
  }
  const sealed = signer.getSignedXml()
  if (!options.timeStamp) return Buffer.from(sealed, 'utf8')
  return Buffer.from(await withTimeStamp(sealed, signatureId, options.timeStamp), 'utf8')
}

/** Adds a XAdES signature time-stamp over the seal's canonical signature value (unsigned: the seal stays intact). */
async function withTimeStamp(
  sealed: string,
  signatureId: string,
  timeStamp: (stamped: Buffer) => Promise<Buffer>,
) {
  const doc = new DOMParser().parseFromString(sealed, 'text/xml')
  const signatures = Array.from(doc.getElementsByTagNameNS(DSIG, 'Signature')) as unknown as Element[]
  const index = signatures.findIndex((s) => s.getAttribute('Id') === signatureId)
  const signature = signatures[index] as Element
  const properties = signature.getElementsByTagNameNS(XADES, 'QualifyingProperties')[0] as Element
  const token = await timeStamp(canonicalSignatureValue(doc, index, EXCLUSIVE_C14N))
  const unsigned = new DOMParser().parseFromString(
    `<xades:UnsignedProperties xmlns:xades="${XADES}" xmlns:ds="${DSIG}"><xades:UnsignedSignatureProperties>` +
      `<xades:SignatureTimeStamp Id="${signatureId}-time-stamp"><ds:CanonicalizationMethod Algorithm="${EXCLUSIVE_C14N}"/>` +
      `<xades:EncapsulatedTimeStamp>${token.toString('base64')}</xades:EncapsulatedTimeStamp>` +
      '</xades:SignatureTimeStamp></xades:UnsignedSignatureProperties></xades:UnsignedProperties>',
    'text/xml',
  ).documentElement as Element
  properties.appendChild(doc.importNode(unsigned, true))
  return new XMLSerializer().serializeToString(doc)
}
