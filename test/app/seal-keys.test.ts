import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describe as describeCertificate } from '../../src/modules/signatures/certificates.js'
import { Pkcs12Error, readPkcs12, writePkcs12 } from '../../src/modules/signatures/pkcs12.js'
import { issue } from '../support/test-ca.js'

const fixture = (name: string) => readFileSync(new URL(`../support/fixtures/${name}`, import.meta.url))

describe('PKCS#12 seal keys', () => {
  it('opens what OpenSSL 3 writes, RSA and ECDSA: the key signs and the certificate is its own', async () => {
    for (const [file, alg] of [
      ['openssl-rsa-seal.p12', 'RSASSA-PKCS1-v1_5'],
      ['openssl-ec-seal.p12', 'ECDSA'],
    ] as const) {
      const key = await readPkcs12(fixture(file), 'seal-test')
      expect(key.privateKey.algorithm.name, file).toBe(alg)
      expect(describeCertificate(key.cert).subject).toContain('Test Office Seal')
      const params = alg === 'ECDSA' ? { name: alg, hash: 'SHA-256' } : { name: alg }
      const data = new TextEncoder().encode('seal')
      const signature = await crypto.subtle.sign(params, key.privateKey, data)
      expect(await crypto.subtle.verify(params, await key.cert.getPublicKey(), signature, data), file).toBe(
        true,
      )
    }
  })

  it('refuses a wrong password, a file that is not PKCS#12, and the legacy encryption, saying how to convert it', async () => {
    await expect(readPkcs12(fixture('openssl-rsa-seal.p12'), 'wrong')).rejects.toThrow(/wrong password/)
    await expect(readPkcs12(Buffer.from('not a key at all'), 'seal-test')).rejects.toBeInstanceOf(Pkcs12Error)
    await expect(readPkcs12(fixture('openssl-legacy-seal.p12'), 'seal-test')).rejects.toThrow(/-legacy/)
  })

  it('writes a file it and OpenSSL read back with the password, with the chain', async () => {
    const root = await issue({ cn: 'Demo Root', ca: true })
    const seal = await issue({ cn: 'Office Seal', issuer: root })
    const bytes = await writePkcs12(
      { privateKey: seal.keys.privateKey, cert: seal.cert, chain: [root.cert] },
      'pa55-word',
    )
    const back = await readPkcs12(bytes, 'pa55-word')
    expect(describeCertificate(back.cert).subject).toContain('Office Seal')
    expect(back.chain.map((c) => describeCertificate(c).subject)).toEqual([
      expect.stringContaining('Demo Root'),
    ])
    await expect(readPkcs12(bytes, 'other')).rejects.toBeInstanceOf(Pkcs12Error)
    const dir = mkdtempSync(join(tmpdir(), 'ratusz-p12-'))
    writeFileSync(join(dir, 'seal.p12'), bytes)
    // OpenSSL checks the MAC and decrypts the key (it says what it found on stderr, and fails otherwise).
    const openssl = spawnSync(
      'openssl',
      ['pkcs12', '-in', join(dir, 'seal.p12'), '-info', '-noout', '-passin', 'pass:pa55-word'],
      {
        encoding: 'utf8',
      },
    )
    expect(openssl.status, openssl.stderr).toBe(0)
    expect(openssl.stderr).toMatch(/MAC: sha256/)
    expect(openssl.stderr).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/)
  })
})
