import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import type { Issued } from './test-ca.js'

/**
 * An OCSP responder on loopback (RFC 6960 over HTTP POST) for the certificates of `ca`, signing its
 * answers with `signer` (the CA itself, or an impostor to see it refused): good, or revoked for the
 * serial numbers marked.
 */
export function startTestOcsp(ca: Issued, options: { signer?: Issued } = {}) {
  const signer = options.signer ?? ca
  return startOcspResponder({
    cert: signer.cert,
    sign: (basic) => basic.sign(signer.keys.privateKey, 'SHA-256'),
  })
}

/** The responder itself: answers about any serial, signed as `responder.sign` signs (WebCrypto, or jkurwa for DSTU 4145). */
export async function startOcspResponder(responder: {
  cert: pkijs.Certificate
  sign(basic: pkijs.BasicOCSPResponse): Promise<unknown>
}) {
  const revoked = new Map<string, Date>()
  const served = { count: 0 }
  const signer = responder
  const server = createServer((req, res) => {
    const parts: Buffer[] = []
    req.on('data', (c: Buffer) => parts.push(c))
    req.on('end', async () => {
      try {
        const request = new pkijs.OCSPRequest({
          schema: asn1js.fromBER(new Uint8Array(Buffer.concat(parts))).result,
        })
        const certID = request.tbsRequest.requestList[0]!.reqCert
        const serial = Buffer.from(certID.serialNumber.valueBlock.valueHexView).toString('hex')
        const basic = new pkijs.BasicOCSPResponse()
        basic.tbsResponseData.responderID = signer.cert.subject
        basic.tbsResponseData.producedAt = new Date()
        const single = new pkijs.SingleResponse()
        single.certID = certID
        const at = revoked.get(serial)
        single.certStatus = at
          ? new asn1js.Constructed({
              idBlock: { tagClass: 3, tagNumber: 1 },
              value: [new asn1js.GeneralizedTime({ valueDate: at })],
            })
          : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, lenBlock: { length: 1 } } as never)
        single.thisUpdate = new Date(Date.now() - 60_000)
        basic.tbsResponseData.responses.push(single)
        basic.certs = [signer.cert]
        await signer.sign(basic)
        const response = new pkijs.OCSPResponse()
        response.responseStatus.valueBlock.valueDec = 0
        response.responseBytes = new pkijs.ResponseBytes({
          responseType: '1.3.6.1.5.5.7.48.1.1',
          response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
        })
        served.count++
        res.writeHead(200, { 'content-type': 'application/ocsp-response' })
        res.end(Buffer.from(response.toSchema().toBER(false)))
      } catch {
        res.writeHead(400).end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ocsp`,
    served,
    revoke: (cert: { cert: pkijs.Certificate }, at = new Date(Date.now() - 3_600_000)) =>
      revoked.set(Buffer.from(cert.cert.serialNumber.valueBlock.valueHexView).toString('hex'), at),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
