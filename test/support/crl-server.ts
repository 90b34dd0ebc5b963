import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A CA's CRL distribution point on loopback: it serves whatever CRL is set last. */
export async function startCrlServer() {
  const state: { crl: Buffer } = { crl: Buffer.alloc(0) }
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pkix-crl' })
    res.end(state.crl)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ca.crl`,
    set: (crl: Buffer) => {
      state.crl = crl
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
