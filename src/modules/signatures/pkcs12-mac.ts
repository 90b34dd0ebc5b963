import { createHash, webcrypto } from 'node:crypto'
import * as pkijs from 'pkijs'

/** The PKCS#12 key derivation's block sizes by hash (RFC 7292, appendix B.2: u and v, in bytes). */
const SIZES: Record<string, { name: string; u: number; v: number }> = {
  'SHA-1': { name: 'sha1', u: 20, v: 64 },
  'SHA-256': { name: 'sha256', u: 32, v: 64 },
  'SHA-384': { name: 'sha384', u: 48, v: 128 },
  'SHA-512': { name: 'sha512', u: 64, v: 128 },
}

/** `bytes` repeated to fill a whole number of `v`-byte blocks (none when empty). */
function fill(bytes: Uint8Array, v: number): Buffer {
  const out = Buffer.alloc(v * Math.ceil(bytes.length / v))
  for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length]!
  return out
}

/** The password as RFC 7292 takes it: a BMPString (UTF-16 big-endian) with its two zero bytes. */
function bmpPassword(password: ArrayBuffer): Buffer {
  const bytes = new Uint8Array(password)
  let text = new TextDecoder().decode(bytes)
  // Bytes that are not UTF-8 are taken one character each, as PKI.js does.
  if (!Buffer.from(text, 'utf8').equals(Buffer.from(bytes))) text = String.fromCharCode(...bytes)
  const out = Buffer.alloc(text.length * 2 + 2)
  for (let i = 0; i < text.length; i++) out.writeUInt16BE(text.charCodeAt(i), i * 2)
  return out
}

/**
 * The key of a PKCS#12 file's integrity MAC (RFC 7292, appendix B.2, ID 3), with Node's native hashes.
 * PKI.js computes it in JavaScript: 100,000 rounds of SHA-256 took ≈1 s each time a seal was written
 * or opened; natively ≈0.1 s. The rounds are the point (the MAC is a way to test a password, so it
 * costs as much as the key's own PBKDF2); only the arithmetic moved.
 */
export function pkcs12MacKey(
  hash: string,
  bits: number,
  password: ArrayBuffer,
  salt: ArrayBuffer,
  iterations: number,
): ArrayBuffer {
  const size = SIZES[hash.toUpperCase()]
  if (!size) throw new Error(`Unsupported hashing algorithm ${hash}`)
  const { name, u, v } = size
  const D = Buffer.alloc(v, 3)
  let I = Buffer.concat([fill(new Uint8Array(salt), v), fill(bmpPassword(password), v)])
  const out: Buffer[] = []
  for (let produced = 0; produced < bits / 8; produced += u) {
    let A = createHash(name).update(D).update(I).digest()
    for (let j = 1; j < iterations; j++) A = createHash(name).update(A).digest()
    out.push(A)
    // I_j = (I_j + B + 1) mod 2^(8v) for each v-byte block of I, B being A repeated to v bytes.
    const B = fill(A, v).subarray(0, v)
    const next = Buffer.alloc(I.length)
    for (let block = 0; block < I.length; block += v) {
      let carry = 1
      for (let l = v - 1; l >= 0; l--) {
        const sum = I[block + l]! + B[l]! + carry
        next[block + l] = sum & 0xff
        carry = sum >> 8
      }
    }
    I = next
  }
  const key = Buffer.concat(out).subarray(0, bits / 8)
  return key.buffer.slice(key.byteOffset, key.byteOffset + key.length) as ArrayBuffer
}

/** The MAC's HMAC algorithm and key for these parameters, as WebCrypto takes them. */
async function macKey(
  engine: pkijs.CryptoEngine,
  parameters:
    | pkijs.CryptoEngineStampDataWithPasswordParams
    | pkijs.CryptoEngineVerifyDataStampedWithPasswordParams,
  usage: 'sign' | 'verify',
) {
  const { hashAlgorithm, password, salt, iterationCount } = parameters
  const size = SIZES[hashAlgorithm.toUpperCase()]
  if (!size) throw new Error(`Incorrect "parameters.hashAlgorithm" parameter: ${hashAlgorithm}`)
  // The HMAC's key is as long as the hash's output.
  const bits = size.u * 8
  const algorithm = { name: 'HMAC', length: bits, hash: { name: hashAlgorithm } }
  const raw = pkcs12MacKey(hashAlgorithm, bits, password, salt, iterationCount)
  return { algorithm, key: await engine.importKey('raw', raw, algorithm, false, [usage]) }
}

/**
 * PKI.js's crypto engine on Node's WebCrypto, with the PKCS#12 MAC's key derived natively: everything
 * else (PBES2, HMAC, signatures) is PKI.js's own code on WebCrypto, unchanged.
 */
class NativeMacEngine extends pkijs.CryptoEngine {
  override async stampDataWithPassword(
    parameters: pkijs.CryptoEngineStampDataWithPasswordParams,
  ): Promise<ArrayBuffer> {
    const { algorithm, key } = await macKey(this, parameters, 'sign')
    return this.sign(algorithm, key, new Uint8Array(parameters.contentToStamp))
  }

  override async verifyDataStampedWithPassword(
    parameters: pkijs.CryptoEngineVerifyDataStampedWithPasswordParams,
  ): Promise<boolean> {
    const { algorithm, key } = await macKey(this, parameters, 'verify')
    const { signatureToVerify, contentToVerify } = parameters
    return this.verify(algorithm, key, new Uint8Array(signatureToVerify), new Uint8Array(contentToVerify))
  }
}

/** The engine PKCS#12 files are read and written with (src/modules/signatures/pkcs12.ts). */
export const pkcs12Engine: pkijs.ICryptoEngine = new NativeMacEngine({
  name: 'node-native-pkcs12-mac',
  crypto: webcrypto as unknown as Crypto,
})
