import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { files } from '../support/multipart-files.js'
import { problemOf, testApp } from '../support/test-app.js'
import { issue, signCms } from '../support/test-ca.js'

/** An XML file of 11 MB, within the size limit, that takes the XML parser seconds to read. */
function slowXml(): Buffer {
  const parts = ['<?xml version="1.0"?><doc>']
  for (let i = 0; i < 600_000; i++) parts.push(`<i a="${i}">x</i>`)
  parts.push(
    '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature></doc>',
  )
  return Buffer.from(parts.join(''))
}

describeEachDatabase('a time limit per validation', (dialect) => {
  it('stops a validation that runs past its time in its worker, answers 422 at once, and goes on checking others', async () => {
    const app = await testApp(dialect, { config: { validationTimeoutMs: 1000 } })
    const validate = (name: string, content: Buffer) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/signatures/validate',
        ...files({ file: { name, content } }),
      })
    // A first file, so that a worker has started: the time limit counts from when a worker begins.
    const before = await validate(
      'first.p7s',
      await signCms(Buffer.from('dane'), await issue({ cn: 'Before' })),
    )
    expect(before.statusCode).toBe(200)
    const started = performance.now()
    const [slow, health] = await Promise.all([
      validate('slow.xml', slowXml()),
      // The server answers others while the worker is busy: the parser does not hold its event loop.
      new Promise<number>((resolve) =>
        setTimeout(async () => resolve((await app.inject({ url: '/healthz' })).statusCode), 300),
      ),
    ])
    const took = performance.now() - started
    expect(slow.statusCode).toBe(422)
    expect(problemOf(slow)).toMatchObject({
      code: 'NOT_A_SIGNATURE',
      detail: expect.stringContaining('not checked within 1 s'),
    })
    expect(took).toBeLessThan(3000)
    expect(health).toBe(200)
    const signer = await issue({ cn: 'After the timeout' })
    const after = await validate('ok.p7s', await signCms(Buffer.from('dane'), signer))
    expect(after.statusCode).toBe(200)
    expect(after.json()).toMatchObject({
      signatures: [{ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' }],
    })
  })
})
