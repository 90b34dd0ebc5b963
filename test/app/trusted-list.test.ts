import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { demoBearers } from '../support/factories.js'
import { files } from '../support/multipart-files.js'
import { problemOf, testApp } from '../support/test-app.js'
import { type Issued, issue, signCms, signXml } from '../support/test-ca.js'

const STATUS = 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/'
const TYPE = 'http://uri.etsi.org/TrstSvc/Svctype/'

/** A trusted list in the format of ETSI TS 119 612, as a member state publishes it. */
function trustedList(services: { type: string; status: string; cert: Issued }[]): string {
  const service = (s: (typeof services)[number]) =>
    `<tsl:TSPService><tsl:ServiceInformation><tsl:ServiceTypeIdentifier>${TYPE}${s.type}</tsl:ServiceTypeIdentifier>` +
    `<tsl:ServiceName><tsl:Name xml:lang="en">${s.type} service</tsl:Name></tsl:ServiceName>` +
    `<tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>${s.cert.der.toString('base64')}</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity>` +
    `<tsl:ServiceStatus>${STATUS}${s.status}</tsl:ServiceStatus></tsl:ServiceInformation></tsl:TSPService>`
  return (
    '<tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#" TSLTag="http://uri.etsi.org/19612/TSLTag">' +
    '<tsl:SchemeInformation><tsl:TSLVersionIdentifier>5</tsl:TSLVersionIdentifier>' +
    '<tsl:SchemeOperatorName><tsl:Name xml:lang="en">Test Ministry of Digital Affairs</tsl:Name></tsl:SchemeOperatorName>' +
    '<tsl:SchemeTerritory>PL</tsl:SchemeTerritory></tsl:SchemeInformation>' +
    '<tsl:TrustServiceProviderList><tsl:TrustServiceProvider><tsl:TSPInformation><tsl:TSPName><tsl:Name xml:lang="en">Test QTSP</tsl:Name></tsl:TSPName></tsl:TSPInformation>' +
    `<tsl:TSPServices>${services.map(service).join('')}</tsl:TSPServices></tsl:TrustServiceProvider></tsl:TrustServiceProviderList>` +
    '</tsl:TrustServiceStatusList>'
  )
}

describeEachDatabase('trusted lists in the trust store', (dialect) => {
  it('takes the granted CA and TSA services of a signed trusted list, leaves the withdrawn, and refuses a list altered or unsigned', async () => {
    const app = await testApp(dialect, { demo: true })
    const bearers = await demoBearers(app)
    const ca = await issue({ cn: 'Test Qualified CA', ca: true })
    const tsa = await issue({ cn: 'Test Qualified TSA', tsa: true })
    const withdrawn = await issue({ cn: 'Withdrawn CA', ca: true })
    const operator = await issue({ cn: 'Trusted List Operator' })
    const xml = trustedList([
      { type: 'CA/QC', status: 'granted', cert: ca },
      { type: 'TSA/QTST', status: 'granted', cert: tsa },
      { type: 'CA/QC', status: 'withdrawn', cert: withdrawn },
    ])
    const add = (content: Buffer, headers = bearers.admin) => {
      const form = files({ file: { name: 'PL-TL.xml', content } })
      return app.inject({
        method: 'POST',
        url: '/api/v1/trust/anchors',
        payload: form.payload,
        headers: { ...headers, ...form.headers },
      })
    }
    const signed = Buffer.from(await signXml(xml, operator))
    expect((await add(signed, bearers.officer)).statusCode).toBe(403)
    const added = await add(signed)
    expect(added.statusCode, added.body).toBe(201)
    const body = added.json<{ added: { subject: string; source: string }[] }>()
    expect(body.added.map((a) => a.subject).sort()).toEqual([
      'C=PL, CN=Test Qualified CA',
      'C=PL, CN=Test Qualified TSA',
    ])
    expect(body.added[0]!.source).toBe(
      'trusted list PL (Test Ministry of Digital Affairs), signed by C=PL, CN=Trusted List Operator',
    )
    // A signature by a certificate of the listed CA now leads to a trust anchor.
    const signer = await issue({ cn: 'Obywatel', issuer: ca })
    const form = files({
      file: { name: 'a.p7s', content: await signCms(Buffer.from('dane'), signer, { chain: [ca] }) },
    })
    const validated = await app.inject({ method: 'POST', url: '/api/v1/signatures/validate', ...form })
    expect(validated.json()).toMatchObject({
      signatures: [{ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' }],
    })
    // Altered after signing (the withdrawn CA made granted), and unsigned: refused.
    const altered = await add(
      Buffer.from(signed.toString().replace(`${STATUS}withdrawn`, `${STATUS}granted`)),
    )
    expect(altered.statusCode).toBe(422)
    expect(problemOf(altered).errors?.[0]).toMatchObject({
      path: 'body.file',
      message: expect.stringContaining('signature does not hold'),
    })
    const unsigned = await add(Buffer.from(xml))
    expect(problemOf(unsigned).errors?.[0]?.message).toMatch(/not signed/)
    // The EU list of lists points to national lists and lists no services itself: said what to do.
    const lotl = Buffer.from(
      await signXml(
        xml.replace(
          /<tsl:TrustServiceProviderList>.*<\/tsl:TrustServiceProviderList>/,
          '<tsl:SchemeInformation><tsl:PointersToOtherTSL><tsl:OtherTSLPointer><tsl:TSLLocation>https://example.org/PL-TL.xml</tsl:TSLLocation></tsl:OtherTSLPointer></tsl:PointersToOtherTSL></tsl:SchemeInformation>',
        ),
        operator,
      ),
    )
    expect(problemOf(await add(lotl)).errors?.[0]?.message).toMatch(/load the national trusted lists/)
    // Everything in it trusted already: said so.
    expect((await add(signed)).statusCode).toBe(409)
  })
})
