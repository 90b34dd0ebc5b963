import { describe, expect, it } from 'vitest'
import { certificatesIn } from '../../src/modules/signatures/certificates.js'
import { validateCms } from '../../src/modules/signatures/cms-validation.js'
import { crlRevocation } from '../../src/modules/signatures/revocation.js'
import { startCrlServer } from '../support/crl-server.js'
import { dstuCrl, dstuIssue, dstuOcspSigner, dstuRoot, dstuSign } from '../support/dstu-ca.js'
import { startOcspResponder } from '../support/test-ocsp.js'

const DATA = Buffer.from('Заява про надання адміністративної послуги')

describe('DSTU 4145 signatures below a Ukrainian-style CA', () => {
  it('verifies the chain link by link, reads the РНОКПП, and checks revocation in the CA’s DSTU-signed CRL', async () => {
    const crls = await startCrlServer()
    try {
      const root = dstuRoot('Тестовий КНЕДП')
      const good = dstuIssue(root, 'Олена Коваленко', { crl: crls.url })
      const revoked = dstuIssue(root, 'Петро Відкликаний', { crl: crls.url })
      const other = dstuRoot('Інший КНЕДП')
      crls.set(dstuCrl(root, [revoked]))
      const anchors = certificatesIn(root.der)
      const revocation = crlRevocation('online', 2000)
      const check = async (bytes: Buffer, trusted = anchors, checker = revocation) =>
        (await validateCms(bytes, null, trusted, new Date(), { revocation: checker }))[0]!
      const signed = await check(dstuSign(DATA, good))
      expect(signed, signed.detail).toMatchObject({
        indication: 'TOTAL_PASSED',
        signatureAlgorithm: 'DSTU 4145',
        digestAlgorithm: 'GOST 34.311',
        signer: { identifiers: [{ kind: 'РНОКПП', value: '3000000000' }] },
      })
      expect(signed.chain.map((c) => c.subject)).toEqual([
        expect.stringContaining('Олена Коваленко'),
        expect.stringContaining('Тестовий КНЕДП'),
      ])
      expect(await check(dstuSign(DATA, revoked))).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'REVOKED_NO_POE',
      })
      // Another CA's certificate as the only anchor: no chain. A CRL signed by another CA: not believed.
      expect(await check(dstuSign(DATA, good), certificatesIn(other.der))).toMatchObject({
        subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      })
      crls.set(dstuCrl(other, []))
      expect(await check(dstuSign(DATA, good), anchors, crlRevocation('online', 2000))).toMatchObject({
        subIndication: 'TRY_LATER',
      })
    } finally {
      await crls.close()
    }
  })

  it('asks the CA’s OCSP responder, a delegated one signing with DSTU 4145, and believes no other', async () => {
    const root = dstuRoot('Тестовий КНЕДП з OCSP')
    const responderCert = dstuIssue(root, 'OCSP-сервер', { ocspSigning: true })
    const notDelegated = dstuIssue(root, 'Не OCSP-сервер')
    const ocsp = await startOcspResponder(dstuOcspSigner(responderCert))
    const rogue = await startOcspResponder(dstuOcspSigner(notDelegated))
    try {
      const good = dstuIssue(root, 'Марія Добра', { ocsp: ocsp.url })
      const revoked = dstuIssue(root, 'Іван Відкликаний', { ocsp: ocsp.url })
      const unbelieved = dstuIssue(root, 'Без відповіді', { ocsp: rogue.url })
      ocsp.revoke({ cert: certificatesIn(revoked.der)[0]! })
      const anchors = certificatesIn(root.der)
      const check = async (signer: typeof good) =>
        (
          await validateCms(dstuSign(DATA, signer), null, anchors, new Date(), {
            revocation: crlRevocation('online', 2000),
          })
        )[0]!
      expect(await check(good)).toMatchObject({ indication: 'TOTAL_PASSED' })
      expect(await check(revoked)).toMatchObject({ subIndication: 'REVOKED_NO_POE' })
      expect(await check(unbelieved)).toMatchObject({ subIndication: 'TRY_LATER' })
      expect(ocsp.served.count).toBe(2)
      expect(rogue.served.count).toBe(1)
    } finally {
      await Promise.all([ocsp.close(), rogue.close()])
    }
  })
})
