import type { webcrypto } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import type { SigningKey } from './cms-signing.js'
import { pkcs12Engine } from './pkcs12-mac.js'

const KEY_BAG = '1.2.840.113549.1.12.10.1.1'
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2'
const CERT_BAG = '1.2.840.113549.1.12.10.1.3'
const X509_CERT = '1.2.840.113549.1.9.22.1'
const RSA = '1.2.840.113549.1.1.1'
const EC = '1.2.840.10045.2.1'
const ITERATIONS = 100_000

/** A PKCS#12 file that cannot be opened: not one, the wrong password, or an encryption WebCrypto lacks. */
export class Pkcs12Error extends Error {}

const passwordBytes = (password: string) => new Uint8Array(Buffer.from(password, 'utf8')).buffer

/** A private key from PKCS#8 into WebCrypto, as RSA PKCS#1 v1.5 or ECDSA by what it is. */
async function importKey(info: pkijs.PrivateKeyInfo): Promise<webcrypto.CryptoKey> {
  const der = info.toSchema().toBER(false)
  const alg = info.privateKeyAlgorithm.algorithmId
  if (alg === RSA)
    return crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, [
      'sign',
    ])
  if (alg === EC) {
    const curve = (info.privateKeyAlgorithm.algorithmParams as asn1js.ObjectIdentifier).valueBlock.toString()
    const namedCurve = { '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521' }[
      curve
    ]
    if (!namedCurve) throw new Pkcs12Error(`the key's curve ${curve} is not supported`)
    return crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve }, true, ['sign'])
  }
  throw new Pkcs12Error(`the key's algorithm ${alg} is not supported (RSA or ECDSA)`)
}

/**
 * Opens a PKCS#12 (.p12, .pfx) file with its password: its private key, the certificate of that key
 * and the other certificates (its chain). PKI.js reads it with WebCrypto, so PBES2 (PBKDF2 with AES,
 * what OpenSSL 3 writes) is understood; a file in the legacy RC2/3DES encryption is refused with how
 * to convert it.
 */
export async function readPkcs12(bytes: Buffer, password: string): Promise<SigningKey> {
  const asn = asn1js.fromBER(new Uint8Array(bytes))
  if (asn.offset === -1) throw new Pkcs12Error('not a PKCS#12 file')
  const pass = passwordBytes(password)
  let pfx: pkijs.PFX
  try {
    pfx = new pkijs.PFX({ schema: asn.result })
    await pfx.parseInternalValues({ password: pass, checkIntegrity: true }, pkcs12Engine)
  } catch (error) {
    throw new Pkcs12Error(
      `the file cannot be opened: wrong password, or not PKCS#12 (${(error as Error).message})`,
    )
  }
  const safe = pfx.parsedValue?.authenticatedSafe
  if (!safe) throw new Pkcs12Error('the file holds nothing')
  try {
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: pass })) })
  } catch (error) {
    throw new Pkcs12Error(
      `its contents cannot be decrypted (${(error as Error).message}); a file in the legacy encryption can be converted with: openssl pkcs12 -in old.p12 -legacy -nodes | openssl pkcs12 -export -out new.p12`,
    )
  }
  let key: pkijs.PrivateKeyInfo | null = null
  const certs: pkijs.Certificate[] = []
  for (const content of safe.parsedValue?.safeContents ?? []) {
    for (const bag of (content.value as pkijs.SafeContents).safeBags) {
      if (bag.bagId === SHROUDED_KEY_BAG) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag
        await (shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> })
          .parseInternalValues({ password: pass })
          .catch((error: Error) => {
            throw new Pkcs12Error(`its key cannot be decrypted (${error.message})`)
          })
        key = shrouded.parsedValue ?? null
      } else if (bag.bagId === KEY_BAG) {
        key = bag.bagValue as pkijs.PrivateKeyInfo
      } else if (bag.bagId === CERT_BAG) {
        const cert = (bag.bagValue as pkijs.CertBag).parsedValue
        if (cert instanceof pkijs.Certificate) certs.push(cert)
      }
    }
  }
  if (!key) throw new Pkcs12Error('the file holds no private key')
  const privateKey = await importKey(key)
  // The key's certificate is the one whose public key the private key makes.
  const publicKey = Buffer.from(
    await crypto.subtle.exportKey('jwk', privateKey).then((j) => `${j.n ?? ''}${j.x ?? ''}`),
  )
  let own: pkijs.Certificate | undefined
  for (const c of certs) {
    const jwk = await crypto.subtle.exportKey('jwk', await c.getPublicKey())
    if (Buffer.from(`${jwk.n ?? ''}${jwk.x ?? ''}`).equals(publicKey)) own = c
  }
  if (!own) throw new Pkcs12Error('the file holds no certificate for its key')
  return { privateKey, cert: own, chain: certs.filter((c) => c !== own) }
}

/**
 * Writes a key, its certificate and chain as PKCS#12 protected by `password`: the key shrouded with
 * PBES2 (PBKDF2-SHA-256, AES-256-CBC) and the whole under a SHA-256 MAC, as OpenSSL 3 writes it.
 */
export async function writePkcs12(key: SigningKey, password: string): Promise<Buffer> {
  const pass = passwordBytes(password)
  const info = new pkijs.PrivateKeyInfo({
    schema: asn1js.fromBER(await crypto.subtle.exportKey('pkcs8', key.privateKey)).result,
  })
  const certBag = (cert: pkijs.Certificate) =>
    new pkijs.SafeBag({
      bagId: CERT_BAG,
      bagValue: new pkijs.CertBag({ certId: X509_CERT, parsedValue: cert }),
    })
  const shrouded = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: info })
  await shrouded.makeInternalValues({
    password: pass,
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 } as never,
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: ITERATIONS,
  })
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            {
              privacyMode: 0,
              value: new pkijs.SafeContents({
                safeBags: [
                  new pkijs.SafeBag({ bagId: SHROUDED_KEY_BAG, bagValue: shrouded }),
                  certBag(key.cert),
                  ...key.chain.map(certBag),
                ],
              }),
            },
          ],
        },
      }),
    },
  })
  await pfx.parsedValue?.authenticatedSafe?.makeInternalValues({ safeContents: [{}] })
  await pfx.makeInternalValues(
    {
      password: pass,
      iterations: ITERATIONS,
      pbkdf2HashAlgorithm: 'SHA-256' as never,
      hmacHashAlgorithm: 'SHA-256',
    },
    pkcs12Engine,
  )
  return Buffer.from(pfx.toSchema().toBER(false))
}
