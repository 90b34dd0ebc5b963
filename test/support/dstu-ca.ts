import { createRequire } from 'node:module'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'

/**
 * A DSTU 4145 test CA made on the spot with jkurwa (curve DSTU_PB_257, GOST 34.311): a self-signed
 * root, certificates it issues (with a CRL distribution point), CMS signatures by them, and CRLs it
 * signs, so that the validator's DSTU 4145 paths (a chain under an anchor, revocation) meet real
 * Ukrainian-style cryptography rather than a stand-in.
 */
// biome-ignore lint/suspicious/noExplicitAny: jkurwa has no types; this test helper speaks to it directly.
type Any = any
const require = createRequire(import.meta.url)
const jk: Any = require('jkurwa')
const hash: (data: Buffer) => Buffer = require('gost89').compat.algos().hash

export interface DstuIssued {
  priv: Any
  cert: Any
  der: Buffer
  name: Record<string, string>
}

/** X.509 wants a signature as the BIT STRING's content: jkurwa's is the DER of an OCTET STRING of it. */
const octets = (signature: Buffer) =>
  Buffer.from(new asn1js.OctetString({ valueHex: signature }).toBER(false))

let serial = 7000
function certificate(
  subject: DstuIssued['name'],
  key: Any,
  issuer: { name: DstuIssued['name']; priv: Any },
  options: { crl?: string | undefined; ocsp?: string | undefined; ocspSigning?: boolean | undefined } = {},
) {
  const { crl, ocsp } = options
  const tbs = jk.models.Certificate.createTBS({
    serial: serial++,
    pubkey: key.pub(),
    algorithm: key.algorithm,
    curve: key.curve.name(),
    sbox: undefined,
    hash,
    issuer: issuer.name,
    subject,
    valid: { from: Date.now() - 86_400_000, to: Date.now() + 365 * 86_400_000 },
    usage: '\x03\x02\x06\xc0',
  })
  if (crl)
    tbs.extensions.push({
      extnID: 'crlDistributionPoints',
      extnValue: Buffer.from(
        new pkijs.CRLDistributionPoints({
          distributionPoints: [
            new pkijs.DistributionPoint({
              distributionPoint: [new pkijs.GeneralName({ type: 6, value: crl })],
            }),
          ],
        })
          .toSchema()
          .toBER(false),
      ),
    })
  if (ocsp)
    tbs.extensions.push({
      extnID: [1, 3, 6, 1, 5, 5, 7, 1, 1],
      extnValue: Buffer.from(
        new pkijs.InfoAccess({
          accessDescriptions: [
            new pkijs.AccessDescription({
              accessMethod: '1.3.6.1.5.5.7.48.1',
              accessLocation: new pkijs.GeneralName({ type: 6, value: ocsp }),
            }),
          ],
        })
          .toSchema()
          .toBER(false),
      ),
    })
  if (options.ocspSigning)
    tbs.extensions.push({
      extnID: 'extendedKeyUsage',
      extnValue: Buffer.from(
        new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.9'] }).toSchema().toBER(false),
      ),
    })
  const cert = new jk.models.Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: { algorithm: issuer.priv.algorithm },
    signature: {
      unused: 0,
      data: octets(issuer.priv.sign(hash(jk.models.Certificate.encodeTBS(tbs)), 'le')),
    },
  })
  const der: Buffer = cert.as_asn1()
  return { cert: jk.models.Certificate.from_asn1(der), der }
}

export function dstuRoot(cn: string): DstuIssued {
  const priv = jk.std_curve('DSTU_PB_257').keygen()
  const name = { commonName: cn, countryName: 'UA' }
  return { priv, name, ...certificate(name, priv, { name, priv }) }
}

export function dstuIssue(
  ca: DstuIssued,
  cn: string,
  options: { crl?: string; ocsp?: string; ocspSigning?: boolean } = {},
): DstuIssued {
  const priv = jk.std_curve('DSTU_PB_257').keygen()
  const name = { commonName: cn, countryName: 'UA', serialNumber: 'TINUA-3000000000' }
  return { priv, name, ...certificate(name, priv, ca, options) }
}

/** The DSTU 4145 signing of an OCSP answer by `responder` (its certificate in the answer), for startOcspResponder. */
export function dstuOcspSigner(responder: DstuIssued) {
  const cert = new pkijs.Certificate({ schema: asn1js.fromBER(new Uint8Array(responder.der)).result })
  return {
    cert,
    async sign(basic: pkijs.BasicOCSPResponse) {
      basic.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.804.2.1.1.1.1.3.1.1' })
      const tbs = Buffer.from(basic.tbsResponseData.toSchema(true).toBER(false))
      basic.tbsResponseData.tbsView = new Uint8Array(tbs)
      basic.signature = new asn1js.BitString({ valueHex: octets(responder.priv.sign(hash(tbs), 'le')) })
      basic.certs = [cert]
    },
  }
}

/** A CMS signedData over `data` by `signer` (its certificate inside), as Ukrainian signing software makes it. */
export function dstuSign(data: Buffer, signer: DstuIssued): Buffer {
  return new jk.models.Message({
    type: 'signedData',
    cert: signer.cert,
    data,
    hash,
    signer: signer.priv,
  }).as_asn1()
}

/** A CRL of `ca`, naming `revoked`, signed with DSTU 4145 (its structure by PKI.js, its signature by jkurwa). */
export function dstuCrl(ca: DstuIssued, revoked: readonly DstuIssued[]): Buffer {
  const caCert = new pkijs.Certificate({ schema: asn1js.fromBER(new Uint8Array(ca.der)).result })
  const crl = new pkijs.CertificateRevocationList()
  crl.version = 1
  crl.issuer = caCert.subject
  crl.thisUpdate = new pkijs.Time({ type: 0, value: new Date(Date.now() - 60_000) })
  crl.nextUpdate = new pkijs.Time({ type: 0, value: new Date(Date.now() + 86_400_000) })
  crl.signature = new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.804.2.1.1.1.1.3.1.1' })
  crl.signatureAlgorithm = crl.signature
  if (revoked.length)
    crl.revokedCertificates = revoked.map((r) => {
      const cert = new pkijs.Certificate({ schema: asn1js.fromBER(new Uint8Array(r.der)).result })
      return new pkijs.RevokedCertificate({
        userCertificate: cert.serialNumber,
        revocationDate: new pkijs.Time({ type: 0, value: new Date(Date.now() - 3_600_000) }),
      })
    })
  const tbs = Buffer.from((crl as unknown as { encodeTBS(): asn1js.Sequence }).encodeTBS().toBER(false))
  crl.tbsView = new Uint8Array(tbs)
  crl.signatureValue = new asn1js.BitString({ valueHex: octets(ca.priv.sign(hash(tbs), 'le')) })
  return Buffer.from(crl.toSchema(true).toBER(false))
}
