import { randomBytes, webcrypto } from 'node:crypto'
import * as pkijs from 'pkijs'
import { describe, expect, it } from 'vitest'
import { pkcs12Engine } from './pkcs12-mac.js'

const reference = new pkijs.CryptoEngine({ name: 'pkijs', crypto: webcrypto as unknown as Crypto })
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8')).buffer
const buffer = (b: Buffer) => new Uint8Array(b).buffer

describe("a PKCS#12 file's MAC, its key derived natively", () => {
  const cases = [
    ['SHA-1', 'seal-test', 8, 2048],
    ['SHA-256', 'a-long-seal-password', 16, 100_000],
    ['SHA-256', 'Zażółć gęślą jaźń — Ґанок', 20, 3],
    ['SHA-512', '', 8, 1],
    ['SHA-384', 'x'.repeat(70), 64, 10],
  ] as const
  it.each(cases)(
    'stamps as PKI.js does (%s, password %j, %i-byte salt, %i rounds)',
    async (hash, password, saltBytes, rounds) => {
      const parameters = {
        password: bytes(password),
        hashAlgorithm: hash,
        salt: buffer(randomBytes(saltBytes)),
        iterationCount: rounds,
        contentToStamp: buffer(randomBytes(300)),
      }
      const ours = Buffer.from(await pkcs12Engine.stampDataWithPassword(parameters))
      expect(ours).toEqual(Buffer.from(await reference.stampDataWithPassword(parameters)))
      const verify = {
        ...parameters,
        contentToVerify: parameters.contentToStamp,
        signatureToVerify: buffer(ours),
      }
      expect(await pkcs12Engine.verifyDataStampedWithPassword(verify)).toBe(true)
      expect(
        await pkcs12Engine.verifyDataStampedWithPassword({ ...verify, password: bytes(`${password}!`) }),
      ).toBe(false)
    },
  )
})
