import { expect, it } from 'vitest'
import { cookieSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { files } from '../support/multipart-files.js'
import { testApp } from '../support/test-app.js'
import { issue, signCms } from '../support/test-ca.js'

describeEachDatabase('the signature check page', (dialect) => {
  it('reads a signed file on a page without JavaScript, says what the outcome means in three languages, and gives the report as PDF', async () => {
    const app = await testApp(dialect, { demo: true })
    const resident = cookieSession(app)
    const data = Buffer.from('Umowa najmu lokalu')
    const signer = await issue({ cn: 'Anna Nowak', pesel: '44051401359' })
    const p7s = await signCms(data, signer, { detached: true })
    const page = await resident.get('/verify?lang=pl')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Sprawdź podpis')
    // A file form carries its token in the address.
    const action = /action="(\/verify\?_csrf=[^"]+)"/.exec(page.body)![1]!.replaceAll('&amp;', '&')
    const checked = await resident.upload(
      `${action}&lang=pl`,
      files({ file: { name: 'umowa.p7s', content: p7s }, data: { name: 'umowa.txt', content: data } }),
    )
    expect(checked.statusCode, checked.body.slice(0, 500)).toBe(200)
    expect(checked.body).toContain('INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND')
    expect(checked.body).toContain(
      'Certyfikat podpisującego nie prowadzi do certyfikatu zaufanego przez urząd.',
    )
    expect(checked.body).toContain('PESEL 44051401359')
    // Without the signed document: told to give it, in English and Ukrainian.
    const noData = await resident.upload(
      `${action}&lang=en`,
      files({ file: { name: 'umowa.p7s', content: p7s } }),
    )
    expect(noData.body).toContain('The signature is a separate file: upload the signed document beside it.')
    const uk = await resident.upload(
      `${action}&lang=uk`,
      files({ file: { name: 'umowa.p7s', content: p7s } }),
    )
    expect(uk.body).toContain('Підпис є окремим файлом')
    // Not a signature: the form again, with the error next to the file field.
    const junk = await resident.upload(
      `${action}&lang=en`,
      files({ file: { name: 'x.p7s', content: Buffer.from('hello') } }),
    )
    expect(junk.statusCode).toBe(422)
    expect(junk.body).toContain('href="#field-file"')
    expect(junk.body).toContain('This file is not a signature, or it is damaged.')
    const pdf = await resident.upload(
      `${action}&as=pdf&lang=en`,
      files({ file: { name: 'umowa.p7s', content: p7s }, data: { name: 'umowa.txt', content: data } }),
    )
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    // Without the form's token nothing is read.
    const forged = await resident.upload('/verify', files({ file: { name: 'umowa.p7s', content: p7s } }))
    expect(forged.statusCode).toBe(403)
  })
})
