import { expect, it } from 'vitest'
import { extractText } from '../../src/platform/text-extraction.js'
import { describeEachDatabase } from '../support/databases.js'
import { eserviceApp, residentByEmail } from '../support/eservices.js'
import { files } from '../support/multipart-files.js'
import { problemOf } from '../support/test-app.js'
import { issue, signCms, signXml } from '../support/test-ca.js'

const answers = { subject: 'Budget of the city for 2026, chapter 750', how: 'email', truth: true }

describeEachDatabase('e-service applications', (dialect) => {
  it('a resident signed in by an e-mail link applies: the letter in the register, the case opened, both receipts, the sealed one verifiable', async () => {
    const { app, smtp, bearers, code, lublin } = await eserviceApp(dialect)
    const resident = await residentByEmail(app, smtp, 'anna@example.org')
    const body = { service: code, officeId: lublin, language: 'pl', name: 'Anna Nowak', answers }

    // Answers that do not hold: each problem next to its field, nothing registered.
    const wrong = await resident.send('/api/v1/applications', {
      ...body,
      answers: { subject: 'x', how: 'post', truth: false },
    })
    expect(wrong.statusCode, wrong.body).toBe(422)
    expect(
      problemOf(wrong)
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['body.answers.address', 'body.answers.truth'])
    // Without the CSRF token a browser's cookie alone sends nothing.
    expect((await resident.session.api('POST', '/api/v1/applications', body)).statusCode).toBe(403)
    // Without a session: 401.
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/applications', payload: body })).statusCode,
    ).toBe(401)

    const sent = await resident.send('/api/v1/applications', body)
    expect(sent.statusCode, sent.body).toBe(201)
    const created = sent.json<{
      id: string
      number: string
      trackingCode: string
      caseSign: string
      acknowledgement: { kind: string; sealed: boolean }
      receipt: { id: string; sealed: boolean; level: string; url: string }
    }>()
    const year = new Date().getUTCFullYear()
    // The refused attempt took no number: this is the register's first letter of the year.
    expect(created.number).toBe(`RPW/1/${year}`)
    expect(created.trackingCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/)
    expect(created.caseSign).toBe(`OR.016.1.${year}`)
    expect(created.acknowledgement).toMatchObject({ kind: 'submission', sealed: false })
    expect(created.receipt).toMatchObject({ sealed: true, level: 'B' })

    // The chancellery sees the letter: channel eservice, the applicant, the application document filed.
    const register = await app.inject({
      url: `/api/v1/offices/${lublin}/incoming`,
      headers: bearers.chancellery,
    })
    const [entry] = register.json<{
      items: { number: string; channel: string; sender: { name: string }; files: { name: string }[] }[]
    }>().items
    expect(entry).toMatchObject({
      number: created.number,
      channel: 'eservice',
      sender: { name: 'Anna Nowak' },
    })
    expect(entry!.files.map((f) => f.name)).toEqual(['application.xml'])
    // The officer's unit has the case, with the card's 14 days as its term and the letter linked.
    const cases = await app.inject({ url: `/api/v1/cases?officeId=${lublin}`, headers: bearers.officer })
    const opened = cases.json<{
      items: { id: string; sign: string; term: string; termSource: string; parties: { name: string }[] }[]
    }>().items
    expect(opened.find((c) => c.sign === created.caseSign)).toMatchObject({
      term: 'P14D',
      termSource: 'card',
      parties: [{ name: 'Anna Nowak' }],
    })

    // Followed by number and code without an account; a wrong code finds nothing.
    const tracked = await app.inject({
      url: `/api/v1/applications/track?number=${encodeURIComponent(created.number)}&code=${created.trackingCode}`,
    })
    expect(tracked.statusCode, tracked.body).toBe(200)
    expect(tracked.json()).toMatchObject({
      status: 'registered',
      caseSign: created.caseSign,
      expectedBy: expect.any(String),
    })
    const guessed = await app.inject({
      url: `/api/v1/applications/track?number=${encodeURIComponent(created.number)}&code=AAAAA-AAAAA`,
    })
    expect(guessed.statusCode).toBe(404)
    // And by the resident on their page.
    const mine = await resident.session.api('GET', '/api/v1/applications')
    expect(mine.json<{ items: { number: string }[] }>().items.map((a) => a.number)).toEqual([created.number])

    // The office works on the case: each step the applicant sees is mailed to them, in their language.
    const caseId = opened.find((c) => c.sign === created.caseSign)!.id
    const officerId = (await app.inject({ url: '/api/v1/me', headers: bearers.officer })).json<{
      id: string
    }>().id
    const step = (action: string, headers: Record<string, string>, payload: object = {}) =>
      app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/${action}`, headers, payload })
    expect((await step('assign', bearers.head, { assigneeId: officerId })).statusCode).toBe(200)
    expect((await step('start', bearers.officer)).statusCode).toBe(200)
    await app.jobs.runDue()
    const mails = smtp.messages.filter(
      (m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text === 'anna@example.org',
    )
    // Mail jobs due together may leave in any order.
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [
        'Link do logowania',
        `Wniosek ${created.number} przyjęty`,
        `Wniosek ${created.number}: przekazany urzędnikowi`,
        `Wniosek ${created.number}: w toku`,
      ].sort(),
    )
    expect(mails.find((m) => m.subject?.endsWith('przyjęty'))?.text).toContain(
      `/my/applications/${created.id}`,
    )
    const moving = await app.inject({
      url: `/api/v1/applications/track?number=${encodeURIComponent(created.number)}&code=${created.trackingCode}`,
    })
    expect(moving.json()).toMatchObject({
      status: 'in-progress',
      history: [
        { status: 'submitted' },
        { status: 'registered' },
        { status: 'assigned' },
        { status: 'in-progress' },
      ],
    })

    // The officer asks for more: the case waits for the applicant (its clock stopped), who answers on
    // the same page; the answer is a new incoming letter of the case.
    const early = await resident.send(`/api/v1/applications/${created.id}/answers`, {
      text: 'Nothing was asked',
    })
    expect(problemOf(early).code).toBe('NOT_AWAITING_APPLICANT')
    expect(
      (await step('suspend', bearers.officer, { reason: 'Please attach the lease agreement.' })).statusCode,
    ).toBe(200)
    const waiting = await resident.session.api('GET', `/api/v1/applications/${created.id}`)
    expect(waiting.json()).toMatchObject({
      status: 'awaiting-applicant',
      request: 'Please attach the lease agreement.',
    })
    const answered = await resident.send(`/api/v1/applications/${created.id}/answers`, {
      text: 'The lease is attached.',
      files: [
        {
          name: 'lease.pdf',
          mediaType: 'application/pdf',
          content: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
        },
      ],
    })
    expect(answered.statusCode, answered.body).toBe(201)
    expect(answered.json()).toEqual({ number: `RPW/2/${year}` })
    const withAnswer = await app.inject({ url: `/api/v1/cases/${caseId}`, headers: bearers.officer })
    expect(withAnswer.json<{ incomingIds: string[] }>().incomingIds).toHaveLength(2)
    await app.jobs.runDue()
    expect(smtp.messages.map((m) => m.subject)).toContain(
      `Wniosek ${created.number}: czeka na Twoją odpowiedź`,
    )
    expect((await step('resume', bearers.officer)).statusCode).toBe(200)

    // The office answers by e-service: an outgoing letter of the case, its sealed PDF attached, dispatched
    // into the resident's inbox; opening it records the delivery.
    const outgoing = await app.inject({
      method: 'POST',
      url: `/api/v1/offices/${lublin}/outgoing`,
      headers: bearers.officer,
      payload: {
        recipient: { kind: 'person', name: 'Anna Nowak' },
        title: 'Odpowiedź na wniosek',
        method: 'eservice',
      },
    })
    expect(outgoing.statusCode, outgoing.body).toBe(201)
    const letterId = outgoing.json<{ id: string }>().id
    const dispatch = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/outgoing/${letterId}/dispatch`,
        headers: bearers.chancellery,
        payload: { method: 'eservice' },
      })
    // Not of an e-service application's case yet: it cannot go by e-service.
    const unlinked = await dispatch()
    expect(unlinked.statusCode).toBe(422)
    expect(problemOf(unlinked).errors?.[0]?.path).toBe('body.method')
    expect((await step('letters', bearers.officer, { entryId: letterId })).statusCode).toBe(200)
    expect(problemOf(await dispatch()).errors?.[0]?.message).toContain('attach the letter')
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
    const attached = files({ file: { name: 'odpowiedz.pdf', content: pdf } })
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/outgoing/${letterId}/files`,
          headers: { ...bearers.officer, ...attached.headers },
          payload: attached.payload,
        })
      ).statusCode,
    ).toBe(201)
    expect((await dispatch()).statusCode).toBe(200)
    await app.jobs.runDue()
    // (Mail jobs due together may arrive in either order.)
    expect(smtp.messages.map((m) => m.subject)).toContain(
      `Pismo z urzędu w sprawie wniosku ${created.number}`,
    )
    const inbox = await resident.session.api('GET', '/api/v1/letters')
    const [letter] = inbox.json<{ items: { id: string; title: string; openedAt: string | null }[] }>().items
    expect(letter).toMatchObject({ title: 'Odpowiedź na wniosek', openedAt: null })
    const read = await resident.session.api('GET', `/api/v1/letters/${letter!.id}/file`)
    expect(read.statusCode).toBe(200)
    expect(read.rawPayload.equals(pdf)).toBe(true)
    const delivered = await app.inject({ url: `/api/v1/outgoing/${letterId}`, headers: bearers.chancellery })
    expect(delivered.json()).toMatchObject({ status: 'delivered', deliveredOn: expect.any(String) })

    // Another resident sees nothing of it; a staff token is no resident's session.
    const other = await residentByEmail(app, smtp, 'other@example.org')
    expect((await other.session.api('GET', `/api/v1/applications/${created.id}`)).statusCode).toBe(404)
    expect((await other.session.api('GET', created.receipt.url)).statusCode).toBe(404)
    expect((await other.session.api('GET', `/api/v1/letters/${letter!.id}/file`)).statusCode).toBe(404)
    expect((await app.inject({ url: '/api/v1/applications', headers: bearers.admin })).statusCode).toBe(401)
    expect((await resident.session.api('GET', `/api/v1/applications/${created.id}`)).json()).toMatchObject({
      number: created.number,
      status: 'in-progress',
    })

    // The sealed receipt: only for its applicant (or number and code); it verifies, names the office and the files.
    expect((await app.inject({ url: created.receipt.url })).statusCode).toBe(404)
    const receipt = await resident.session.api('GET', created.receipt.url)
    expect(receipt.statusCode, receipt.body).toBe(200)
    const verify = (file: Buffer) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/receipts/verify',
        ...files({ file: { name: 'receipt.xml', content: file } }),
      })
    const checked = await verify(receipt.rawPayload)
    expect(checked.statusCode, checked.body).toBe(200)
    expect(checked.json()).toMatchObject({
      valid: true,
      indication: 'TOTAL_PASSED',
      issuedHere: true,
      sealedBy: { code: 'LUB-BOM', sameOffice: true },
      receipt: { number: created.number, office: { code: 'LUB-BOM' }, files: [{ name: 'application.xml' }] },
    })
    // Its PDF rendition states the same, in Polish, with the address (and QR code) of a public check.
    const rendition = await resident.session.api(
      'GET',
      created.receipt.url.replace('sealed.xml', 'receipt.pdf'),
    )
    expect(rendition.statusCode).toBe(200)
    expect(rendition.headers['content-type']).toBe('application/pdf')
    const words = await extractText(rendition.rawPayload, 'pdf')
    expect(words.status).toBe('done')
    const pdfText = words.text.replace(/\s+/g, ' ')
    expect(pdfText).toContain('Urzędowe poświadczenie odbioru')
    expect(pdfText).toContain(created.number)
    const check = /\/receipts\/[0-9a-f-]+\/check\?h=[0-9a-f]{16}/.exec(pdfText.replace(/ /g, ''))?.[0]
    expect(check, pdfText).toBeDefined()
    const checked2 = await app.inject({ url: `${check}&lang=en` })
    expect(checked2.statusCode).toBe(200)
    expect(checked2.body).toContain('Valid: sealed by')
    expect((await app.inject({ url: check!.replace(/h=[0-9a-f]+/, 'h=0000000000000000') })).statusCode).toBe(
      404,
    )
    // One byte changed: fails.
    const text = receipt.rawPayload.toString()
    const tampered = Buffer.from(text.replace(created.number, created.number.replace('RPW/1', 'RPW/7')))
    expect((await verify(tampered)).json()).toMatchObject({
      valid: false,
      indication: 'TOTAL_FAILED',
      issuedHere: false,
    })
    // The same contents sealed by another office's seal: the seal passes, but it is named as Lviv's.
    const unsigned = text.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
    const offices = await app.services.offices.listPublicOffices()
    const lviv = offices.find((o) => o.code === 'LVIV-CNAP')!
    const foreign = await app.services.sealing.sealFor(
      { kind: 'system', id: 'system', login: 'test', grants: [] },
      lviv.id,
      Buffer.from(unsigned),
      { visible: false },
    )
    expect((await verify(foreign.bytes)).json()).toMatchObject({
      valid: false,
      indication: 'TOTAL_PASSED',
      sealedBy: { code: 'LVIV-CNAP', sameOffice: false },
    })
    // Not a receipt at all: 422 naming the file.
    const note = await verify(Buffer.from('<?xml version="1.0"?><note>hi</note>'))
    expect(note.statusCode).toBe(422)
    expect(problemOf(note).code).toBe('NOT_A_RECEIPT')
    // With the number and tracking code, the receipt is anyone's who holds them.
    const byCode = await app.inject({
      url: `${created.receipt.url}?number=${encodeURIComponent(created.number)}&code=${created.trackingCode}`,
    })
    expect(byCode.rawPayload.equals(receipt.rawPayload)).toBe(true)
  })

  it('numbers stay unique and gap-free when many residents apply at once, and a repeated send with its key gives the first', async () => {
    const { app, smtp, code, lublin } = await eserviceApp(dialect)
    const resident = await residentByEmail(app, smtp, 'many@example.org')
    const body = { service: code, officeId: lublin, language: 'uk', answers }
    const sent = await Promise.all(
      Array.from({ length: 12 }, () => resident.send('/api/v1/applications', body)),
    )
    expect(sent.map((r) => r.statusCode)).toEqual(Array(12).fill(201))
    const numbers = sent
      .map((r) => Number(r.json<{ number: string }>().number.split('/')[1]))
      .sort((a, b) => a - b)
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    const signs = new Set(sent.map((r) => r.json<{ caseSign: string }>().caseSign))
    expect(signs.size).toBe(12)

    const key = { 'idempotency-key': 'retry-after-timeout-1' }
    const twice = await Promise.all([
      resident.send('/api/v1/applications', body, key),
      resident.send('/api/v1/applications', body, key),
    ])
    expect(twice.map((r) => r.statusCode)).toEqual([201, 201])
    expect(twice[0]!.json<{ id: string }>().id).toBe(twice[1]!.json<{ id: string }>().id)
    const all = await resident.session.api('GET', '/api/v1/applications')
    expect(all.json<{ items: unknown[] }>().items).toHaveLength(13)
  })

  it('files answer their questions by type and size; a file of the wrong kind is refused and nothing is registered', async () => {
    const { app, smtp, bearers, code, lublin } = await eserviceApp(dialect)
    const resident = await residentByEmail(app, smtp, 'files@example.org')
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    )
    const body = { service: code, officeId: lublin, language: 'en', answers }
    const exe = await resident.send('/api/v1/applications', {
      ...body,
      files: [
        {
          question: 'scan',
          name: 'virus.exe',
          content: Buffer.from('MZ\x90\x00 not a pdf').toString('base64'),
        },
      ],
    })
    expect(exe.statusCode, exe.body).toBe(415)
    expect(problemOf(exe).errors?.[0]?.path).toBe('body.files.0.content')
    const big = await resident.send('/api/v1/applications', {
      ...body,
      files: [
        {
          question: 'scan',
          name: 'big.png',
          content: Buffer.concat([png, Buffer.alloc(200_000)]).toString('base64'),
        },
      ],
    })
    expect(big.statusCode, big.body).toBe(413)
    const wrongQuestion = await resident.send('/api/v1/applications', {
      ...body,
      files: [{ question: 'subject', name: 'a.png', content: png.toString('base64') }],
    })
    expect(wrongQuestion.statusCode).toBe(422)
    const register = await app.inject({
      url: `/api/v1/offices/${lublin}/incoming`,
      headers: bearers.chancellery,
    })
    expect(register.json<{ items: unknown[] }>().items).toHaveLength(0)

    const ok = await resident.send('/api/v1/applications', {
      ...body,
      files: [
        { question: 'scan', name: 'photo.png', mediaType: 'image/png', content: png.toString('base64') },
      ],
    })
    expect(ok.statusCode, ok.body).toBe(201)
    const listed = await app.inject({
      url: `/api/v1/offices/${lublin}/incoming`,
      headers: bearers.chancellery,
    })
    const [entry] = listed.json<{ items: { number: string; files: { name: string }[] }[] }>().items
    expect(entry!.number).toBe(`RPW/1/${new Date().getUTCFullYear()}`)
    expect(entry!.files.map((f) => f.name).sort()).toEqual(['application.xml', 'photo.png'])
  })

  it('where the card requires a signature, the application document comes back signed (XAdES or CAdES) and is validated', async () => {
    const { app, smtp, bearers, code, lublin } = await eserviceApp(dialect, { signature: 'required' })
    const resident = await residentByEmail(app, smtp, 'signer@example.org')
    const signer = await issue({ cn: 'Jan Kowalski', pesel: '44051401359' })
    const anchor = files({ file: { name: 'signer.cer', content: signer.der } })
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/trust/anchors',
          payload: anchor.payload,
          headers: { ...bearers.admin, ...anchor.headers },
        })
      ).statusCode,
    ).toBe(201)
    const body = { service: code, officeId: lublin, language: 'pl', name: 'Jan Kowalski', answers }

    const unsigned = await resident.send('/api/v1/applications', body)
    expect(unsigned.statusCode).toBe(422)
    expect(problemOf(unsigned).code).toBe('SIGNATURE_REQUIRED')

    // The document to sign: the answers in words, the same bytes for the same answers.
    const doc = await resident.send('/api/v1/applications/document', body)
    expect(doc.statusCode, doc.body).toBe(200)
    expect(doc.headers['content-type']).toContain('application/xml')
    expect(doc.body).toContain('Budget of the city for 2026, chapter 750')
    expect((await resident.send('/api/v1/applications/document', body)).body).toBe(doc.body)

    // Signed by someone nobody trusts: invalid, with the validator's outcome.
    const stranger = await issue({ cn: 'Nobody' })
    const untrusted = await resident.send('/api/v1/applications', {
      ...body,
      signedDocument: Buffer.from(await signXml(doc.body, stranger)).toString('base64'),
    })
    expect(untrusted.statusCode).toBe(422)
    expect(problemOf(untrusted)).toMatchObject({
      code: 'SIGNATURE_INVALID',
      facts: { indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' },
    })
    // A valid signature of other answers: refused.
    const otherDoc = doc.body.replace('chapter 750', 'chapter 751')
    const other = await resident.send('/api/v1/applications', {
      ...body,
      signedDocument: Buffer.from(await signXml(otherDoc, signer)).toString('base64'),
    })
    expect(problemOf(other).code).toBe('SIGNATURE_INVALID')
    // Not a signature at all.
    const junk = await resident.send('/api/v1/applications', {
      ...body,
      signedDocument: Buffer.from('hello').toString('base64'),
    })
    expect(problemOf(junk).code).toBe('SIGNATURE_INVALID')
    const register = await app.inject({
      url: `/api/v1/offices/${lublin}/incoming`,
      headers: bearers.chancellery,
    })
    expect(register.json<{ items: unknown[] }>().items).toHaveLength(0)

    // XAdES enveloped over the document: accepted, the signed copy filed as the letter.
    const xades = await resident.send('/api/v1/applications', {
      ...body,
      signedDocument: Buffer.from(await signXml(doc.body, signer)).toString('base64'),
    })
    expect(xades.statusCode, xades.body).toBe(201)
    // CAdES detached over the document's bytes: accepted too, filed as a .p7s.
    const cades = await resident.send('/api/v1/applications', {
      ...body,
      signedDocument: (await signCms(Buffer.from(doc.body), signer, { detached: true })).toString('base64'),
    })
    expect(cades.statusCode, cades.body).toBe(201)
    const attached = await resident.send('/api/v1/applications', {
      ...body,
      signedDocument: (await signCms(Buffer.from(otherDoc), signer)).toString('base64'),
    })
    expect(problemOf(attached).code).toBe('SIGNATURE_INVALID')
    const listed = await app.inject({
      url: `/api/v1/offices/${lublin}/incoming`,
      headers: bearers.chancellery,
    })
    const items = listed.json<{ items: { number: string; files: { name: string }[] }[] }>().items
    expect(items.map((e) => e.files.map((f) => f.name))).toEqual([
      ['application.xml.p7s'],
      ['application.xml'],
    ])
    expect(items.map((e) => e.number)).toEqual([
      `RPW/2/${new Date().getUTCFullYear()}`,
      `RPW/1/${new Date().getUTCFullYear()}`,
    ])
  })
})
