import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as pkijs from 'pkijs'
import { type IssuedCertificate, issueCertificate, issueCrl } from './certificate-issuing.js'
import { describe, parseDer } from './certificates.js'
import type { SigningKey } from './cms-signing.js'
import { derOf } from './encodings.js'
import { Pkcs12Error, readPkcs12, writePkcs12 } from './pkcs12.js'

/**
 * The password of demo seals when none is configured. It protects nothing: demo seals are made by a
 * demo CA nobody trusts but those who add it themselves, and say DEMO in every name.
 */
const DEMO_PASSWORD = 'ratusz-demo-seal-not-secret'
const DEMO_CA = 'demo-ca'
const YEARS = 365 * 5

export interface OfficeSeal {
  key: SigningKey
  /** Made by the demo CA (`ratusz seal init`), not imported. */
  demo: boolean
}

/** An office for which a seal is made: its code (the file's name), its name, its country. */
export interface SealedOffice {
  code: string
  name: string
  country: string
}

const isCode = (code: string) => /^[\w.-]{1,40}$/.test(code)

/** Writes a file whole or not at all, readable by the owner only: the keys never leave the data folder. */
async function writePrivately(path: string, bytes: Buffer) {
  const partial = `${path}.${process.pid}.partial`
  await writeFile(partial, bytes, { mode: 0o600 })
  await chmod(partial, 0o600)
  await rename(partial, path)
}

async function readIfThere(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * The offices' seals, kept as PKCS#12 files in `<dataDir>/seals` (`<office code>.p12`) under the
 * configured seal password (`RATUSZ_SEAL_PASSWORD` or `RATUSZ_SEAL_PASSWORD_FILE`), read once and
 * kept in memory. The demo CA lives beside them (`demo-ca.p12`, its certificate `demo-ca.crt` and
 * its CRL `demo-ca.crl`, published at `<publicUrl>/api/v1/seals/demo-ca.crl`). A later HSM or
 * remote signing service would stand behind `seal()`: what it returns only has to sign.
 */
export function sealStore(dir: string, password: string | null, publicUrl: string) {
  const loaded = new Map<string, OfficeSeal>()
  const opened = new Map<string, Promise<OfficeSeal | null>>()
  const fileOf = (code: string) => join(dir, `${code}.p12`)
  const crlUrl = `${publicUrl}/api/v1/seals/demo-ca.crl`

  async function open(bytes: Buffer): Promise<SigningKey> {
    const tries = [password, DEMO_PASSWORD].filter((p): p is string => p !== null)
    let last: unknown
    for (const p of tries) {
      try {
        return await readPkcs12(bytes, p)
      } catch (error) {
        last = error
      }
    }
    throw last
  }

  async function openSeal(code: string): Promise<OfficeSeal | null> {
    const bytes = await readIfThere(fileOf(code))
    if (!bytes) return null
    const key = await open(bytes)
    const ca = await readIfThere(join(dir, `${DEMO_CA}.crt`))
    const demo =
      ca !== null &&
      key.cert.issuer.isEqual(new pkijs.Certificate({ schema: parseDer(ca) ?? undefined }).subject)
    return { key, demo }
  }

  async function demoCa(): Promise<IssuedCertificate | null> {
    const bytes = await readIfThere(fileOf(DEMO_CA))
    if (!bytes) return null
    const key = await open(bytes)
    const publicKey = await key.cert.getPublicKey()
    return { cert: key.cert, keys: { privateKey: key.privateKey, publicKey } }
  }

  const store = {
    dir,
    crlUrl,

    /** The office's seal, or null when it has none. */
    async seal(code: string): Promise<OfficeSeal | null> {
      if (!isCode(code)) return null
      const kept = loaded.get(code)
      if (kept) return kept
      // Requests that arrive together open the file once (PKCS#12's key derivation is slow on purpose).
      const opening = opened.get(code) ?? openSeal(code)
      opened.set(code, opening)
      try {
        const seal = await opening
        if (seal) loaded.set(code, seal)
        return seal
      } finally {
        opened.delete(code)
      }
    },

    /**
     * Imports an office's seal from a PKCS#12 file opened with `filePassword`, kept under the configured
     * seal password (which must be set: a real key is never kept under the demo password).
     */
    async importPkcs12(code: string, bytes: Buffer, filePassword: string) {
      if (!isCode(code)) throw new Pkcs12Error(`not an office code: ${code}`)
      if (!password)
        throw new Pkcs12Error(
          'set RATUSZ_SEAL_PASSWORD or RATUSZ_SEAL_PASSWORD_FILE first: the seal is kept under it',
        )
      const key = await readPkcs12(bytes, filePassword)
      await mkdir(dir, { recursive: true, mode: 0o700 })
      await writePrivately(fileOf(code), await writePkcs12(key, password))
      loaded.delete(code)
      return describe(key.cert)
    },

    /**
     * Makes the demo CA when there is none (its key under the seal password, or the demo one) and a
     * demo seal for each office that has no seal, issued by it with its CRL's address; writes a fresh
     * CRL. Clearly a demo: every name says so.
     */
    async initDemo(offices: readonly SealedOffice[]): Promise<{ created: string[]; ca: string }> {
      await mkdir(dir, { recursive: true, mode: 0o700 })
      const lock = password ?? DEMO_PASSWORD
      let ca = await demoCa()
      if (!ca) {
        ca = await issueCertificate({
          subject: [
            ['2.5.4.6', 'PL'],
            ['2.5.4.10', 'Ratusz DEMO'],
            ['2.5.4.3', 'Ratusz DEMO CA (not for real use)'],
          ],
          usage: 'ca',
          days: YEARS * 2,
        })
        await writePrivately(
          fileOf(DEMO_CA),
          await writePkcs12({ privateKey: ca.keys.privateKey, cert: ca.cert, chain: [] }, lock),
        )
        await writeFile(join(dir, `${DEMO_CA}.crt`), derOf(ca.cert))
      }
      const created: string[] = []
      for (const office of offices) {
        if (!isCode(office.code) || (await readIfThere(fileOf(office.code)))) continue
        const seal = await issueCertificate({
          subject: [
            ['2.5.4.6', /^[A-Z]{2}$/.test(office.country) ? office.country : 'PL'],
            ['2.5.4.10', office.name],
            ['2.5.4.3', `${office.name} (DEMO seal)`],
          ],
          issuer: ca,
          usage: 'seal',
          days: YEARS,
          crl: crlUrl,
        })
        await writePrivately(
          fileOf(office.code),
          await writePkcs12({ privateKey: seal.keys.privateKey, cert: seal.cert, chain: [ca.cert] }, lock),
        )
        created.push(office.code)
      }
      await writeFile(join(dir, `${DEMO_CA}.crl`), await issueCrl(ca, [], 365))
      return { created, ca: describe(ca.cert).subject }
    },

    /** The demo CA's certificate and CRL (DER), published for validators; null without a demo CA. */
    async demoFiles(): Promise<{ crt: Buffer; crl: Buffer } | null> {
      const crt = await readIfThere(join(dir, `${DEMO_CA}.crt`))
      const crl = await readIfThere(join(dir, `${DEMO_CA}.crl`))
      return crt && crl ? { crt, crl } : null
    },

    /** Where the CRL this instance publishes itself (the demo CA's) lies, with its address. */
    localCrlFile: () => ({ url: crlUrl, path: join(dir, `${DEMO_CA}.crl`) }),

    /** A CRL this instance publishes itself (the demo CA's), by its address; null for any other. */
    async localCrl(url: string): Promise<Buffer | null> {
      return url === crlUrl ? ((await store.demoFiles())?.crl ?? null) : null
    },
  }
  return store
}

export type SealStore = ReturnType<typeof sealStore>
