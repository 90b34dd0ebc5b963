import { describe, expect, it } from 'vitest'
import { certificatesIn } from '../../src/modules/signatures/certificates.js'
import { NotASignature, validateCms } from '../../src/modules/signatures/cms-validation.js'
import { crlRevocation } from '../../src/modules/signatures/revocation.js'
import { startCrlServer } from '../support/crl-server.js'
import { type Issued, issue, makeCrl, signCms } from '../support/test-ca.js'
import { startTestOcsp } from '../support/test-ocsp.js'

const DATA = Buffer.from('Wniosek o wydanie zaświadczenia')
const DAY = 86_400_000

describe('CAdES (CMS) validation', () => {
  it('passes an intact signature by a trusted certificate, reads the signer and the PESEL, attached and detached', async () => {
    for (const alg of ['RSA', 'ECDSA'] as const) {
      const signer = await issue({ cn: 'Jan Kowalski', alg, pesel: '44051401359' })
      const attached = await signCms(DATA, signer)
      const [report] = await validateCms(attached, null, [signer.cert], new Date())
      expect(report, alg).toMatchObject({
        format: 'CAdES',
        indication: 'TOTAL_PASSED',
        subIndication: null,
        level: 'B',
        digestAlgorithm: 'SHA-256',
        signer: { identifiers: [{ kind: 'PESEL', value: '44051401359' }] },
      })
      expect(report!.signer!.subject).toContain('CN=Jan Kowalski')
      expect(report!.signatureAlgorithm).toMatch(alg === 'RSA' ? /RSA/ : /ECDSA/)
      const detached = await signCms(DATA, signer, { detached: true })
      expect((await validateCms(detached, DATA, [signer.cert], new Date()))[0]!.indication).toBe(
        'TOTAL_PASSED',
      )
    }
  })

  it('fails changed data, a changed signature, and says what is missing: the data, the chain, a valid certificate', async () => {
    const root = await issue({ cn: 'Test Root CA', ca: true, days: 3650 })
    const signer = await issue({ cn: 'Anna Nowak', issuer: root })
    const detached = await signCms(DATA, signer, { detached: true, chain: [root] })
    const changed = await validateCms(
      detached,
      Buffer.from('Wniosek o wydanie zaświadczenia!'),
      [root.cert],
      new Date(),
    )
    expect(changed[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' })
    const noData = await validateCms(detached, null, [root.cert], new Date())
    expect(noData[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' })
    // The signature value altered: its last byte flipped.
    const attached = await signCms(DATA, signer, { chain: [root] })
    const tampered = Buffer.from(attached)
    const at = tampered.lastIndexOf(Buffer.from(await signatureTail(attached)))
    tampered[at + 3] = (tampered[at + 3] as number) ^ 0xff
    expect((await validateCms(tampered, null, [root.cert], new Date()))[0]).toMatchObject({
      indication: 'TOTAL_FAILED',
      subIndication: 'SIG_CRYPTO_FAILURE',
    })
    // No anchor: the chain leads nowhere trusted.
    expect((await validateCms(attached, null, [], new Date()))[0]).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    })
    // Chained to the anchor: intact, but revocation is not checked yet, so not passed.
    const chained = (await validateCms(attached, null, [root.cert], new Date()))[0]!
    expect(chained).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' })
    expect(chained.chain.map((c) => c.subject)).toEqual(['C=PL, CN=Anna Nowak', 'C=PL, CN=Test Root CA'])
    // Signed after the certificate expired.
    const old = await issue({ cn: 'Stary Certyfikat', from: new Date(Date.now() - 400 * DAY), days: 30 })
    const late = await signCms(DATA, old)
    expect((await validateCms(late, null, [old.cert], new Date()))[0]).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'OUT_OF_BOUNDS_NO_POE',
    })
  })

  it('refuses what is not a CMS signature, and reads certificates from DER, PEM and a PKCS#7 bundle', async () => {
    for (const junk of [
      Buffer.from('not a signature'),
      Buffer.from([0x30, 0x82, 0xff, 0xff, 0x01]),
      Buffer.alloc(0),
    ])
      await expect(validateCms(junk, null, [], new Date())).rejects.toBeInstanceOf(NotASignature)
    const root = await issue({ cn: 'Bundle Root', ca: true })
    const pem = `-----BEGIN CERTIFICATE-----\n${root.der.toString('base64')}\n-----END CERTIFICATE-----\n`
    expect(certificatesIn(root.der)).toHaveLength(1)
    expect(certificatesIn(Buffer.from(pem + pem))).toHaveLength(2)
    const signer = await issue({ cn: 'In a bundle', issuer: root })
    // A signature's certificates as a bundle, as a .p7b carries them.
    expect(certificatesIn(await signCms(DATA, signer, { chain: [root] }))).toHaveLength(2)
  })
})

/** The last bytes of the signature value, to find and flip in the encoding. */
async function signatureTail(cms: Buffer): Promise<Uint8Array> {
  const pkijs = await import('pkijs')
  const asn1js = await import('asn1js')
  const info = new pkijs.ContentInfo({ schema: asn1js.fromBER(new Uint8Array(cms)).result })
  const signed = new pkijs.SignedData({ schema: info.content })
  return signed.signerInfos[0]!.signature.valueBlock.valueHexView.slice(-8)
}

describe('revocation by CRL', () => {
  it('finds a revoked signer in its CA’s CRL (on loopback), passes one that is not, and says so honestly when it cannot know', async () => {
    const server = await startCrlServer()
    const url = server.url
    try {
      const root = await issue({ cn: 'CRL Root', ca: true })
      const revoked = await issue({ cn: 'Odwołany', issuer: root, crl: url })
      const good = await issue({ cn: 'Ważny', issuer: root, crl: url })
      server.set(await makeCrl(root, [revoked]))
      const online = crlRevocation('online')
      const check = async (signer: Issued, revocation = online) =>
        (
          await validateCms(await signCms(DATA, signer, { chain: [root] }), null, [root.cert], new Date(), {
            revocation,
          })
        )[0]
      expect(await check(revoked)).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'REVOKED_NO_POE',
      })
      expect(await check(good)).toMatchObject({ indication: 'TOTAL_PASSED', subIndication: null })
      expect(await check(good, crlRevocation('offline'))).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'TRY_LATER',
      })
      // A CRL signed by someone else is not believed.
      server.set(await makeCrl(await issue({ cn: 'Impostor', ca: true }), []))
      expect(await check(good, crlRevocation('online'))).toMatchObject({ subIndication: 'TRY_LATER' })
    } finally {
      await server.close()
    }
    // Nobody answers at the address: undecided, never passed.
    const silent = await issue({ cn: 'Cichy', ca: true })
    const signer = await issue({ cn: 'Bez CRL', issuer: silent, crl: url })
    const [r] = await validateCms(
      await signCms(DATA, signer, { chain: [silent] }),
      null,
      [silent.cert],
      new Date(),
      {
        revocation: crlRevocation('online', 500),
      },
    )
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' })
  })
})

describe('revocation by OCSP', () => {
  it('asks the responder the certificate names, believes only its issuer, and falls back to the CRL', async () => {
    const root = await issue({ cn: 'OCSP Root', ca: true })
    const ocsp = await startTestOcsp(root)
    const impostor = await startTestOcsp(root, { signer: await issue({ cn: 'Impostor', ca: true }) })
    const crls = await startCrlServer()
    try {
      const good = await issue({ cn: 'Dobry', issuer: root, ocsp: ocsp.url })
      const revoked = await issue({ cn: 'Odwołany przez OCSP', issuer: root, ocsp: ocsp.url })
      ocsp.revoke(revoked, new Date('2026-06-01T00:00:00Z'))
      const check = async (signer: Issued) =>
        (
          await validateCms(await signCms(DATA, signer, { chain: [root] }), null, [root.cert], new Date(), {
            revocation: crlRevocation('online', 2000),
          })
        )[0]!
      expect(await check(good)).toMatchObject({ indication: 'TOTAL_PASSED' })
      const r = await check(revoked)
      expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'REVOKED_NO_POE' })
      expect(r.detail).toContain('2026-06-01')
      expect(ocsp.served.count).toBe(2)
      // An answer signed by someone the issuer did not delegate is not believed; the CRL then decides.
      const lied = await issue({ cn: 'Podejrzany', issuer: root, ocsp: impostor.url, crl: crls.url })
      crls.set(await makeCrl(root, [lied]))
      expect(await check(lied)).toMatchObject({ subIndication: 'REVOKED_NO_POE' })
      expect(impostor.served.count).toBe(1)
      // A CA between the root and the signer, revoked in the root's CRL: the signature is undecided.
      const middle = await issue({ cn: 'Pośredni CA', ca: true, issuer: root, crl: crls.url })
      const middleOcsp = await startTestOcsp(middle)
      const below = await issue({ cn: 'Pod pośrednim', issuer: middle, ocsp: middleOcsp.url })
      crls.set(await makeCrl(root, [middle]))
      const [underRevokedCa] = await validateCms(
        await signCms(DATA, below, { chain: [middle, root] }),
        null,
        [root.cert],
        new Date(),
        { revocation: crlRevocation('online', 2000) },
      )
      expect(underRevokedCa, underRevokedCa!.detail).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'REVOKED_CA_NO_POE',
      })
      expect(middleOcsp.served.count).toBe(1)
      await middleOcsp.close()
      // Offline: nobody is asked.
      const [offline] = await validateCms(
        await signCms(DATA, good, { chain: [root] }),
        null,
        [root.cert],
        new Date(),
        {
          revocation: crlRevocation('offline'),
        },
      )
      expect(offline).toMatchObject({ subIndication: 'TRY_LATER' })
      expect(ocsp.served.count).toBe(2)
    } finally {
      await Promise.all([ocsp.close(), impostor.close(), crls.close()])
    }
  })
})
