import { describe, expect, it } from 'vitest'
import { certificatesIn } from '../../src/modules/signatures/certificates.js'
import { validateCms } from '../../src/modules/signatures/cms-validation.js'
import { crlRevocation } from '../../src/modules/signatures/revocation.js'
import { startCrlServer } from '../support/crl-server.js'
import { dstuCrl, dstuIssue, dstuRoot, dstuSign } from '../support/dstu-ca.js'

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
})
