import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateCms } from '../../src/modules/signatures/cms-validation.js'
import { crlRevocation } from '../../src/modules/signatures/revocation.js'
import { requestTimeStamp, TimeStampUnavailable } from '../../src/modules/signatures/time-stamps.js'
import { startCrlServer } from '../support/crl-server.js'
import { freePort } from '../support/free-port.js'
import { type Issued, issue, makeCrl, signCms } from '../support/test-ca.js'
import { stampToken, startTestTsa } from '../support/test-tsa.js'

const DATA = Buffer.from('Decyzja w sprawie OR.5310.12.2026')
const DAY = 86_400_000

describe('RFC 3161 time-stamps on CAdES signatures', () => {
  let tsa: Issued
  let server: Awaited<ReturnType<typeof startTestTsa>>
  beforeAll(async () => {
    tsa = await issue({ cn: 'Test TSA', tsa: true, days: 3650, from: new Date(Date.now() - 400 * DAY) })
    server = await startTestTsa(tsa)
  })
  afterAll(() => server.close())

  it('stamps a signature through a time-stamping authority on loopback: level T, the stamp passed, its time and authority', async () => {
    const signer = await issue({ cn: 'Urząd Miasta Lublin' })
    const before = Date.now()
    const signed = await signCms(DATA, signer, { timeStamp: (value) => requestTimeStamp(server.url, value) })
    expect(server.served.count).toBeGreaterThan(0)
    const [report] = await validateCms(signed, null, [signer.cert, tsa.cert], new Date())
    expect(report).toMatchObject({ indication: 'TOTAL_PASSED', level: 'T' })
    expect(report!.timestamps).toEqual([
      {
        time: expect.any(String),
        indication: 'PASSED',
        subIndication: null,
        tsa: expect.stringContaining('CN=Test TSA'),
      },
    ])
    expect(Date.parse(report!.timestamps[0]!.time!)).toBeGreaterThanOrEqual(before - 1000)
    // The authority not trusted: the stamp proves nothing and the level stays B, the signature still passes.
    const [untrusted] = await validateCms(signed, null, [signer.cert], new Date())
    expect(untrusted).toMatchObject({ indication: 'TOTAL_PASSED', level: 'B' })
    expect(untrusted!.timestamps[0]).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    })
  })

  it('takes a passing stamp as proof the signature existed while the certificate was valid, and ignores a stamp that does not match', async () => {
    // The certificate expired yesterday; the signer's software claims it signed today.
    const signer = await issue({ cn: 'Olena Kovalenko', from: new Date(Date.now() - 10 * DAY), days: 9 })
    const anchors = [signer.cert, tsa.cert]
    const fiveDaysAgo = new Date(Date.now() - 5 * DAY)
    const bare = await signCms(DATA, signer)
    expect((await validateCms(bare, null, anchors, new Date()))[0]).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'OUT_OF_BOUNDS_NO_POE',
    })
    const stamped = await signCms(DATA, signer, {
      timeStamp: (value) => stampToken(tsa, value, { time: fiveDaysAgo }),
    })
    const [proven] = await validateCms(stamped, null, anchors, new Date())
    expect(proven).toMatchObject({ indication: 'TOTAL_PASSED', level: 'T' })
    expect(proven!.timestamps[0]!.time).toBe(fiveDaysAgo.toISOString())
    // A stamp over something else (here the data, not the signature value) does not match it.
    const mismatched = await signCms(DATA, signer, {
      timeStamp: () => stampToken(tsa, DATA, { time: fiveDaysAgo }),
    })
    const [ignored] = await validateCms(mismatched, null, anchors, new Date())
    expect(ignored).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'OUT_OF_BOUNDS_NO_POE',
      level: 'B',
    })
    expect(ignored!.timestamps[0]).toMatchObject({ indication: 'FAILED', subIndication: 'HASH_FAILURE' })
    expect(ignored!.detail).toMatch(/time-stamp does not hold/)
    // A stamp whose own signature was altered.
    const forged = await signCms(DATA, signer, {
      timeStamp: async (value) => {
        const token = await stampToken(tsa, value, { time: fiveDaysAgo })
        token[token.length - 5] = (token[token.length - 5] as number) ^ 0xff
        return token
      },
    })
    const [unsigned] = await validateCms(forged, null, anchors, new Date())
    expect(unsigned!.timestamps[0]).toMatchObject({
      indication: 'FAILED',
      subIndication: 'SIG_CRYPTO_FAILURE',
    })
    expect(unsigned).toMatchObject({ subIndication: 'OUT_OF_BOUNDS_NO_POE', level: 'B' })
  })

  it('keeps a signature time-stamped before its certificate was revoked; without the stamp, revoked is undecided', async () => {
    const crls = await startCrlServer()
    try {
      const root = await issue({ cn: 'POE Root', ca: true, from: new Date(Date.now() - 100 * DAY) })
      const signer = await issue({
        cn: 'Revoked later',
        issuer: root,
        crl: crls.url,
        from: new Date(Date.now() - 30 * DAY),
      })
      crls.set(await makeCrl(root, [signer]))
      const anchors = [root.cert, tsa.cert]
      const revocation = crlRevocation('online', 2000)
      const before = new Date(Date.now() - 5 * DAY)
      const stamped = await signCms(DATA, signer, {
        chain: [root],
        timeStamp: (v) => stampToken(tsa, v, { time: before }),
      })
      expect((await validateCms(stamped, null, anchors, new Date(), { revocation }))[0]).toMatchObject({
        indication: 'TOTAL_PASSED',
        level: 'T',
      })
      const bare = await signCms(DATA, signer, { chain: [root], signingTime: before })
      expect((await validateCms(bare, null, anchors, new Date(), { revocation }))[0]).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'REVOKED_NO_POE',
      })
    } finally {
      await crls.close()
    }
  })

  it('says plainly when the time-stamping authority cannot be reached or answers something else', async () => {
    const port = await freePort()
    await expect(requestTimeStamp(`http://127.0.0.1:${port}/tsa`, DATA, 2000)).rejects.toBeInstanceOf(
      TimeStampUnavailable,
    )
    const garbling = createServer((_req, res) => res.end('<html>not a TSA</html>'))
    await new Promise<void>((resolve) => garbling.listen(0, '127.0.0.1', resolve))
    const { port: other } = garbling.address() as AddressInfo
    await expect(requestTimeStamp(`http://127.0.0.1:${other}/`, DATA, 2000)).rejects.toThrow(
      /not a time-stamp/,
    )
    await new Promise((resolve) => garbling.close(resolve))
  })
})
