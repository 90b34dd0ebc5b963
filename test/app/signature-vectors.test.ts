// needs ../shared/vectors (real signed files of EU DSS and jkurwa)
import { describe, expect, it } from 'vitest'
import { certificatesIn } from '../../src/modules/signatures/certificates.js'
import { validateCms } from '../../src/modules/signatures/cms-validation.js'
import { signatureVector } from '../support/signature-vectors.js'

describe('the shared signature vectors', () => {
  it('reads the DSTU 4145 CMS of jkurwa: its signer, INDETERMINATE without an anchor', async () => {
    const [report] = await validateCms(signatureVector('dstu/message.p7'), null, [], new Date('2020-01-01'))
    expect(report).toMatchObject({
      format: 'CAdES',
      indication: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      signatureAlgorithm: 'DSTU 4145',
    })
    expect(report!.signer!.subject).toContain('O=Very Much CA')
    expect(report!.signer!.subject).toContain('L=Wakanda')
    expect(report!.signer!.subject).toContain('serialNumber=UA-99999999')
    // The signed content is the three bytes "123".
    expect(report!.signedDataDigest?.value).toBe(
      'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3',
    )
  })

  it('reads SELF_SIGNED1.cer as an anchor; DSTU 4145 cryptography is not checked yet, so it stays INDETERMINATE', async () => {
    const anchors = certificatesIn(signatureVector('dstu/SELF_SIGNED1.cer'))
    expect(anchors).toHaveLength(1)
    const [report] = await validateCms(
      signatureVector('dstu/message.p7'),
      null,
      anchors,
      new Date('2020-01-01'),
    )
    expect(report!.indication).toBe('INDETERMINATE')
    expect(report!.chain.at(-1)?.subject).toContain('O=Very Much CA')
  })
})
