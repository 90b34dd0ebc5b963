import { expect, it } from 'vitest'
import { cookieSession, csrfOf } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { eserviceApp } from '../support/eservices.js'
import { formWithFiles } from '../support/multipart-files.js'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

describeEachDatabase('e-service pages without JavaScript', (dialect) => {
  it('a resident signs in by e-mail, applies step by step in Polish with errors beside the fields, checks, sends, follows and verifies the receipt', async () => {
    const { app, smtp, code, bearers, lublin } = await eserviceApp(dialect)
    const browser = cookieSession(app)

    // The card page leads to the form; the form asks to sign in first.
    const card = await browser.get(`/services/${code}?lang=pl`)
    expect(card.body).toContain(`href="/services/${code}/apply"`)
    const start = await browser.get(`/services/${code}/apply`)
    expect(start.statusCode).toBe(200)
    expect(start.body).toContain('Zaloguj się linkiem wysłanym na e-mail')
    const wrongEmail = await browser.post('/my/sign-in-link', {
      _csrf: csrfOf(start.body),
      email: 'not-an-address',
      next: `/services/${code}/apply`,
    })
    expect(wrongEmail.statusCode).toBe(422)
    expect(wrongEmail.body).toContain('id="field-email-error"')
    const sent = await browser.post('/my/sign-in-link', {
      _csrf: csrfOf(wrongEmail.body),
      email: 'ewa@example.org',
      next: `/services/${code}/apply`,
    })
    expect(sent.body).toContain('ewa@example.org')
    await app.jobs.runDue()
    const mail = smtp.messages.at(-1)!
    expect(mail.subject).toBe('Link do logowania')
    const link = /\/my\/sign-in\?token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')![0]
    const opened = await browser.get(link)
    expect(opened.headers.location).toBe(`/services/${code}/apply`)
    // The link works once.
    expect((await cookieSession(app).get(link)).statusCode).toBe(410)

    const begin = await browser.get(`/services/${code}/apply`)
    expect(begin.body).toContain('Gdzie składasz wniosek?')
    const chosen = await browser.post(`/services/${code}/apply`, {
      _csrf: csrfOf(begin.body),
      officeId: lublin,
    })
    expect(chosen.statusCode).toBe(303)
    const stepUrl = chosen.headers.location as string
    expect(stepUrl).toBe(`/services/${code}/apply/step/request`)

    // Step 1 (it has a file question: a multipart form, its token in the address).
    const step1 = await browser.get(stepUrl)
    expect(step1.body).toContain('Krok 1 z 2')
    const action = /action="([^"]+)" enctype="multipart\/form-data"/
      .exec(step1.body)![1]!
      .replaceAll('&amp;', '&')
    const missing = await browser.upload(action, formWithFiles({ how: 'post' }, {}))
    expect(missing.statusCode).toBe(422)
    // Errors named in Polish, linked from the summary, beside their fields; the given answer kept.
    expect(missing.body, /error-summary[\s\S]*?<\/ul>/.exec(missing.body)?.[0]).toContain(
      'href="#field-subject"',
    )
    expect(missing.body).toContain('Odpowiedz na pytanie „What information do you ask for?”')
    expect(missing.body).toContain('id="field-address-error"')
    expect(missing.body).toMatch(/value="post"\s+checked/)
    const action2 = /action="([^"]+)" enctype="multipart\/form-data"/
      .exec(missing.body)![1]!
      .replaceAll('&amp;', '&')
    const ok1 = await browser.upload(
      action2,
      formWithFiles(
        { subject: 'Umowy zawarte przez urząd w 2026', how: 'post', address: 'ul. Długa 1, 20-001 Lublin' },
        { scan: { name: 'skan.png', content: PNG, type: 'image/png' } },
      ),
    )
    expect(ok1.statusCode, ok1.body).toBe(303)
    expect(ok1.headers.location).toBe(`/services/${code}/apply/step/confirm`)

    // Back to step 1: the answers and the file are still there.
    const again = await browser.get(stepUrl)
    expect(again.body).toContain('Umowy zawarte przez urząd w 2026')
    expect(again.body).toContain('Wysłano: skan.png')

    const step2 = await browser.get(`/services/${code}/apply/step/confirm`)
    expect(step2.body).toContain('Krok 2 z 2')
    const unconfirmed = await browser.post(`/services/${code}/apply/step/confirm`, {
      _csrf: csrfOf(step2.body),
    })
    expect(unconfirmed.statusCode).toBe(422)
    expect(unconfirmed.body).toContain('Potwierdź „I declare the above is true”, aby kontynuować')
    const ok2 = await browser.post(`/services/${code}/apply/step/confirm`, {
      _csrf: csrfOf(unconfirmed.body),
      truth: 'true',
    })
    expect(ok2.headers.location).toBe(`/services/${code}/apply/check`)

    const check = await browser.get(`/services/${code}/apply/check`)
    expect(check.body).toContain('Sprawdź odpowiedzi przed wysłaniem')
    expect(check.body).toContain('ul. Długa 1, 20-001 Lublin')
    expect(check.body).toContain('skan.png')
    expect(check.body).toContain('By post')
    const done = await browser.post(`/services/${code}/apply/send`, { _csrf: csrfOf(check.body) })
    expect(done.statusCode, done.body).toBe(200)
    const number = /zarejestrowano pod numerem ([^.]+)\./.exec(done.body)![1]!
    const tracking = /kod śledzenia: ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(done.body)![1]!
    expect(number).toBe(`RPW/1/${new Date().getUTCFullYear()}`)
    // The draft is gone: starting again starts afresh.
    expect((await browser.get(stepUrl)).statusCode).toBe(303)

    // The chancellery has the letter with the scan.
    const register = await app.inject({
      url: `/api/v1/offices/${lublin}/incoming`,
      headers: bearers.chancellery,
    })
    expect(
      register
        .json<{ items: { files: { name: string }[] }[] }>()
        .items[0]!.files.map((f) => f.name)
        .sort(),
    ).toEqual(['application.xml', 'skan.png'])

    // The resident's page lists it; its page shows the status and the receipts.
    const my = await browser.get('/my')
    expect(my.body).toContain(number)
    const id = new RegExp(`href="/my/applications/([^"]+)">${number}`).exec(my.body)![1]!
    const page = await browser.get(`/my/applications/${id}`)
    expect(page.body).toContain('zarejestrowany')
    const receiptUrl = /href="(\/api\/v1\/receipts\/[^"]+\/sealed\.xml)"/.exec(page.body)![1]!

    // Without an account: by number and code, in English.
    const anonymous = cookieSession(app)
    const tracked = await anonymous.get(
      `/applications/track?lang=en&number=${encodeURIComponent(number)}&code=${tracking}`,
    )
    expect(tracked.statusCode).toBe(200)
    expect(tracked.body).toContain('registered')
    const notFound = await anonymous.get(
      `/applications/track?number=${encodeURIComponent(number)}&code=AAAAA-AAAAA`,
    )
    expect(notFound.statusCode).toBe(404)
    expect(notFound.body).toContain('No application has this number and tracking code.')

    // The receipt verified on the public page, in Ukrainian.
    const receipt = await browser.get(receiptUrl)
    const verifyForm = await anonymous.get('/receipts/verify?lang=uk')
    const verifyAction = /action="([^"]+)" enctype/.exec(verifyForm.body)![1]!.replaceAll('&amp;', '&')
    const verified = await anonymous.upload(
      verifyAction,
      formWithFiles(
        {},
        { file: { name: 'receipt.xml', content: receipt.rawPayload, type: 'application/xml' } },
      ),
    )
    expect(verified.statusCode, verified.body).toBe(200)
    expect(verified.body).toContain('Дійсна: скріплена печаткою')
    const tampered = Buffer.from(receipt.rawPayload.toString().replace(number, 'RPW/99/2026'))
    const refused = await anonymous.upload(
      verifyAction,
      formWithFiles({}, { file: { name: 'receipt.xml', content: tampered, type: 'application/xml' } }),
    )
    expect(refused.body).toContain('Недійсна')

    // The office asks for more: the page shows the request and takes the answer.
    const cases = await app.inject({ url: `/api/v1/cases?officeId=${lublin}`, headers: bearers.officer })
    const caseId = cases.json<{ items: { id: string }[] }>().items[0]!.id
    const officerId = (await app.inject({ url: '/api/v1/me', headers: bearers.officer })).json<{
      id: string
    }>().id
    for (const [action, headers, payload] of [
      ['assign', bearers.head, { assigneeId: officerId }],
      ['start', bearers.officer, {}],
      ['suspend', bearers.officer, { reason: 'Proszę dołączyć pełnomocnictwo.' }],
    ] as const)
      expect(
        (await app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/${action}`, headers, payload }))
          .statusCode,
      ).toBe(200)
    const asked = await browser.get(`/my/applications/${id}`)
    expect(asked.body).toContain('Proszę dołączyć pełnomocnictwo.')
    const answerAction = /action="(\/my\/applications\/[^"]+\/answer[^"]*)"/
      .exec(asked.body)![1]!
      .replaceAll('&amp;', '&')
    const empty = await browser.upload(answerAction, formWithFiles({ text: '' }, {}))
    expect(empty.statusCode).toBe(422)
    const answered = await browser.upload(
      answerAction,
      formWithFiles(
        { text: 'Pełnomocnictwo w załączeniu.' },
        {
          file: {
            name: 'pelnomocnictwo.pdf',
            content: Buffer.from('%PDF-1.4\n%%EOF\n'),
            type: 'application/pdf',
          },
        },
      ),
    )
    expect(answered.statusCode, answered.body).toBe(303)
    const after = await browser.get(answered.headers.location as string)
    expect(after.body).toContain(
      `Twoją odpowiedź zarejestrowano pod numerem RPW/2/${new Date().getUTCFullYear()}`,
    )
  })
})
