import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { signedData } from '../../src/modules/signatures/cms-signing.js'
import type { Issued } from './test-ca.js'

const TST_INFO = '1.2.840.113549.1.9.16.1.4'
const SHA256 = '2.16.840.1.101.3.4.2.1'
let serial = 1

/** An RFC 3161 time-stamp token by `tsa` whose message imprint is the SHA-256 of `data`. */
export const stampToken = (tsa: Issued, data: Buffer, options: { time?: Date } = {}) =>
  stampImprint(tsa, createHash('sha256').update(data).digest(), undefined, options.time)

/**
 * A time-stamping authority on loopback speaking RFC 3161 over HTTP, as a real TSA does: it reads a
 * request, stamps its message imprint (not the data, which it never sees) and answers granted.
 */
export async function startTestTsa(tsa: Issued) {
  const served = { count: 0 }
  const server = createServer((req, res) => {
    const parts: Buffer[] = []
    req.on('data', (c: Buffer) => parts.push(c))
    req.on('end', async () => {
      try {
        const request = new pkijs.TimeStampReq({
          schema: asn1js.fromBER(new Uint8Array(Buffer.concat(parts))).result,
        })
        const imprint = Buffer.from(request.messageImprint.hashedMessage.valueBlock.valueHexView)
        const token = await stampImprint(tsa, imprint, request.nonce)
        const response = new pkijs.TimeStampResp({
          status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
          timeStampToken: new pkijs.ContentInfo({ schema: asn1js.fromBER(new Uint8Array(token)).result }),
        })
        served.count++
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' })
        res.end(Buffer.from(response.toSchema().toBER(false)))
      } catch {
        res.writeHead(400).end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A token over a message imprint already hashed (what a request carries). */
async function stampImprint(
  tsa: Issued,
  imprint: Buffer,
  nonce: asn1js.Integer | undefined,
  time = new Date(),
) {
  const info = new pkijs.TSTInfo({
    version: 1,
    policy: '1.2.3.4.1',
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    serialNumber: new asn1js.Integer({ value: serial++ }),
    genTime: time,
    ...(nonce ? { nonce } : {}),
  })
  return signedData(
    Buffer.from(info.toSchema().toBER(false)),
    { privateKey: tsa.keys.privateKey, cert: tsa.cert, chain: [] },
    { contentType: TST_INFO, signingTime: time },
  )
}
