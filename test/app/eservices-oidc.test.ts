import { expect, it } from 'vitest'
import { cookieSession, csrfOf } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { eservicesWorld } from '../support/eservices.js'
import { files } from '../support/multipart-files.js'
import { loopbackOidc } from '../support/oidc-provider.js'
import { problemOf, testConfig } from '../support/test-app.js'
import { issue, signXml } from '../support/test-ca.js'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

describeEachDatabase('residents signed in by OpenID Connect', (dialect) => {
  it('a resident signs in at a real provider (code flow with PKCE), their verified PESEL taken from the claims, and applies for the meldunek with their signature', async () => {
    const publicUrl = testConfig().publicUrl
    const idp = await loopbackOidc(`${publicUrl}/my/sign-in/oidc/callback`)
    const { app, bearers, offices } = await eservicesWorld(dialect, {
      demoCatalogue: true,
      config: { oidc: idp.settings },
    })
    const browser = cookieSession(app)

    // The meldunek asks for a verified identity: the provider's button, no e-mail link.
    const start = await browser.get('/services/PL-RESIDENCE/apply?lang=pl')
    expect(start.body).toContain('Zaloguj się przez Test ID')
    expect(start.body).not.toContain('name="email"')
    idp.as({ sub: 'user-1', name: 'Jan Kowalski', email: 'jan@example.org', pesel: '44051401359' })
    const begun = await browser.post('/my/sign-in/oidc', {
      _csrf: csrfOf(start.body),
      next: '/services/PL-RESIDENCE/apply',
    })
    expect(begun.statusCode).toBe(303)
    const authorization = new URL(begun.headers.location as string)
    expect(authorization.origin).toBe(idp.issuer)
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256')
    const back = await idp.authorize(authorization.href)
    const done = await browser.get(back)
    expect(done.statusCode, done.body).toBe(303)
    expect(done.headers.location).toBe('/services/PL-RESIDENCE/apply')
    // The same answer again is refused: a sign-in is used once.
    expect((await cookieSession(app).get(back)).statusCode).toBe(400)

    const me = await browser.api('GET', '/api/v1/residents/me')
    expect(me.json()).toMatchObject({
      name: 'Jan Kowalski',
      email: 'jan@example.org',
      identifier: { kind: 'PESEL', value: '44051401359' },
      verified: true,
    })
    const csrf = me.json<{ csrfToken: string }>().csrfToken
    const send = (url: string, payload: object) => browser.api('POST', url, payload, { 'x-csrf-token': csrf })

    // The application document carries the verified identity; signed by Jan's own certificate it is taken.
    const body = {
      service: 'PL-RESIDENCE',
      officeId: offices['LUB-BOM']!.id,
      language: 'pl',
      answers: {
        pesel: '44051401359',
        address: 'ul. Narutowicza 10/4, 20-004 Lublin',
        kind: 'permanent',
        truth: true,
      },
      files: [
        {
          question: 'title',
          name: 'umowa.pdf',
          mediaType: 'application/pdf',
          content: PDF.toString('base64'),
        },
      ],
    }
    const doc = await send('/api/v1/applications/document', body)
    expect(doc.statusCode, doc.body).toBe(200)
    expect(doc.body).toContain('<Identifier kind="PESEL">44051401359</Identifier>')
    const jan = await issue({ cn: 'Jan Kowalski', pesel: '44051401359' })
    const other = await issue({ cn: 'Anna Nowak', pesel: '02070803628' })
    for (const cert of [jan, other]) {
      const anchor = files({ file: { name: 'signer.cer', content: cert.der } })
      await app.inject({
        method: 'POST',
        url: '/api/v1/trust/anchors',
        payload: anchor.payload,
        headers: { ...bearers.admin, ...anchor.headers },
      })
    }
    // Signed by someone else (a valid signature of another person): refused.
    const byOther = await send('/api/v1/applications', {
      ...body,
      signedDocument: Buffer.from(await signXml(doc.body, other)).toString('base64'),
    })
    expect(problemOf(byOther).code).toBe('SIGNATURE_INVALID')
    expect(problemOf(byOther).detail).toContain('is not the applicant')
    const sent = await send('/api/v1/applications', {
      ...body,
      signedDocument: Buffer.from(await signXml(doc.body, jan)).toString('base64'),
    })
    expect(sent.statusCode, sent.body).toBe(201)
    expect(sent.json()).toMatchObject({
      caseSign: `SO.531.1.${new Date().getUTCFullYear()}`,
      receipt: { sealed: true },
    })

    // A second sign-in of the same person is the same resident.
    const again = cookieSession(app)
    const page = await again.get('/my')
    const second = await again.post('/my/sign-in/oidc', { _csrf: csrfOf(page.body), next: '/my' })
    expect((await again.get(await idp.authorize(second.headers.location as string))).headers.location).toBe(
      '/my',
    )
    expect((await again.get('/my')).body).toContain(sent.json<{ number: string }>().number)
  })

  it('a provider that cannot be reached is a clear 503, and a forged answer is refused', async () => {
    const { app } = await eservicesWorld(dialect, {
      config: {
        oidc: {
          issuer: 'http://127.0.0.1:9',
          clientId: 'ratusz',
          clientSecret: null,
          name: 'Nowhere',
          scope: 'openid',
          peselClaim: 'pesel',
          rnokppClaim: 'rnokpp',
        },
      },
    })
    const browser = cookieSession(app)
    const page = await browser.get('/my')
    const begun = await browser.post('/my/sign-in/oidc', { _csrf: csrfOf(page.body), next: '/my' })
    expect(begun.statusCode).toBe(503)
    const forged = await browser.get('/my/sign-in/oidc/callback?code=abc&state=made-up')
    expect(forged.statusCode).toBe(400)
  })
})
