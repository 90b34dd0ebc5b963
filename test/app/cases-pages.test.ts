import { expect, it } from 'vitest'
import { letterPdf } from '../../src/platform/pdf-table.js'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { freshBlobDir, incomingBody, lublinRegistry, multipart } from '../support/registry.js'
import { testApp } from '../support/test-app.js'

describeEachDatabase('case pages', (dialect) => {
  it('takes a case from the in-tray through its steps with buttons, a reason where one is due, without JavaScript', async () => {
    const app = await testApp(dialect, { demo: true, config: { blobDir: freshBlobDir() } })
    const r = await lublinRegistry(app)
    const opened = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: r.bearers.head,
      payload: { officeId: r.lublin, unitId: r.units.or, symbol: '0152', title: 'Wniosek o wyjaśnienia' },
    })
    const sign = opened.json<{ sign: string; id: string }>().sign
    const head = await signedInSession(app, 'demo-head', 'demo-head-pass')
    const tray = await head.get(`/staff/cases?office=${r.lublin}&view=unit&lang=pl`)
    expect(tray.statusCode).toBe(200)
    expect(tray.body).toContain(sign)
    const url = /href="(\/staff\/cases\/[^"?]+)"/.exec(tray.body.slice(tray.body.indexOf(sign) - 200))![1]!
    // Narrowed by status: a registered case is not among the closed ones.
    expect((await head.get(`/staff/cases?office=${r.lublin}&view=unit&status=registered`)).body).toContain(
      sign,
    )
    expect((await head.get(`/staff/cases?office=${r.lublin}&view=unit&status=closed`)).body).not.toContain(
      sign,
    )
    const page = await head.get(`${url}?lang=en`)
    expect(page.body).toContain(`Case ${sign}`)
    expect(page.body).toContain('>Assign</button>')
    const officerId = (await app.inject({ url: '/api/v1/users', headers: r.bearers.admin }))
      .json<{ items: { id: string; login: string }[] }>()
      .items.find((u) => u.login === 'demo-officer')!.id
    const assigned = await head.post(`${url}/step/assign`, {
      _csrf: csrfOf(page.body),
      'assigneeId-assign': officerId,
      version: '1',
    })
    expect(assigned.statusCode).toBe(303)
    const officer = await signedInSession(app, 'demo-officer', 'demo-officer-pass')
    const mine = await officer.get(`/staff/cases?office=${r.lublin}&lang=en`)
    expect(mine.body).toContain(sign)
    const work = await officer.get(`${url}?lang=en`)
    await officer.post(`${url}/step/start`, { _csrf: csrfOf(work.body) })
    const started = await officer.get(`${url}?lang=en&done=start`)
    expect(started.body).toContain('Done: Start work.')
    // Suspending needs a reason: the page comes back with the error.
    const noReason = await officer.post(`${url}/step/suspend`, {
      _csrf: csrfOf(started.body),
      'reason-suspend': '',
    })
    expect(noReason.statusCode).toBe(422)
    expect(noReason.body).toContain('href="#field-reason-suspend"')
    await officer.post(`${url}/step/submit`, { _csrf: csrfOf(started.body) })
    const approval = await head.get(`/staff/cases?office=${r.lublin}&view=approval&lang=en`)
    expect(approval.body).toContain(sign)
    const forHead = await head.get(`${url}?lang=en`)
    expect(forHead.body).toContain('>Approve</button>')
    await head.post(`${url}/step/return`, {
      _csrf: csrfOf(forHead.body),
      'reason-return': 'Popraw uzasadnienie',
    })
    const history = await officer.get(`${url}?lang=en`)
    expect(history.body).toContain('Popraw uzasadnienie')
    // Someone else's stale page: the step refuses a case that moved on.
    const stale = await head.post(`${url}/step/approve`, { _csrf: csrfOf(forHead.body), version: '1' })
    expect(stale.statusCode).toBe(409)
  })

  it('keeps a case file from the case page: a document with its PDF, a preview, a new version, a paper one, a linked letter', async () => {
    const app = await testApp(dialect, {
      demo: true,
      config: { blobDir: freshBlobDir(), uploadMaxBytes: 200_000 },
    })
    const r = await lublinRegistry(app)
    const officerId = (await app.inject({ url: '/api/v1/users', headers: r.bearers.admin }))
      .json<{ items: { id: string; login: string }[] }>()
      .items.find((u) => u.login === 'demo-officer')!.id
    const c = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: r.bearers.head,
        payload: {
          officeId: r.lublin,
          unitId: r.units.or,
          symbol: '0152',
          title: 'Skarga na przewlekłość',
          assigneeId: officerId,
        },
      })
    ).json<{ id: string; sign: string }>()
    const letter = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/offices/${r.lublin}/incoming`,
        headers: r.bearers.chancellery,
        payload: incomingBody(new Date(), { assignee: { unitId: r.units.or } }),
      })
    ).json<{ id: string; number: string }>()
    const officer = await signedInSession(app, 'demo-officer', 'demo-officer-pass')
    const url = `/staff/cases/${c.id}`
    const page = await officer.get(`${url}?lang=pl`)
    expect(page.body).toContain('Akta sprawy')
    expect(page.body).toContain('Brak dokumentów.')
    const cookie = () => [...officer.jar].map(([k, v]) => `${k}=${v}`).join('; ')
    const send = (action: string, form: ReturnType<typeof multipart>) =>
      app.inject({
        method: 'POST',
        url: action.replace(/&amp;/g, '&'),
        headers: { cookie: cookie(), ...form.headers },
        payload: form.payload,
      })
    const addAction = /action="([^"]+\/documents\?_csrf=[^"]+)"/.exec(page.body)![1]!
    const pdf = await letterPdf({
      title: 'Odpowiedź na skargę',
      paragraphs: ['Treść odpowiedzi.'],
      lang: 'pl',
    })

    // A missing title comes back on the form, next to the field; nothing is added.
    const refused = await send(
      addAction,
      multipart('odp.pdf', 'application/pdf', pdf, { title: '', kind: 'letter', form: 'born-digital' }),
    )
    expect(refused.statusCode).toBe(422)
    expect(refused.body).toContain('href="#field-title"')

    const added = await send(
      addAction,
      multipart('odpowiedz.pdf', 'application/pdf', pdf, {
        title: 'Odpowiedź na skargę',
        kind: 'letter',
        form: 'born-digital',
        recipient: 'Zofia Łęcka',
      }),
    )
    expect(added.statusCode).toBe(303)
    const withDoc = await officer.get(`${url}?lang=en&done=document`)
    expect(withDoc.body).toContain('The document was added to the case file.')
    expect(withDoc.body).toContain(`${c.sign}/1`)
    const preview = /href="(\/staff\/cases\/[^"]+\/versions\/1)"/.exec(withDoc.body)![1]!
    const shown = await officer.get(preview)
    expect(shown.headers['content-type']).toBe('application/pdf')
    expect(shown.headers['content-disposition']).toMatch(/^inline/)
    expect(shown.rawPayload.equals(pdf)).toBe(true)

    const versionAction = /action="([^"]+\/versions\?_csrf=[^"]+)"/.exec(withDoc.body)![1]!
    const tooBig = await send(
      versionAction,
      multipart('big.pdf', 'application/pdf', Buffer.concat([pdf, Buffer.alloc(200_000, 32)])),
    )
    expect(tooBig.statusCode).toBe(413)
    expect(tooBig.body).toContain('href="#field-file"')
    const second = await send(
      versionAction,
      multipart('odpowiedz-2.pdf', 'application/pdf', pdf, { version: '1', reason: 'Poprawiony adres' }),
    )
    expect(second.statusCode).toBe(303)
    // A paper-only document: the form sends an empty file part, as browsers do.
    const paper = await send(
      addAction,
      multipart('', 'application/octet-stream', Buffer.alloc(0), {
        title: 'Pełnomocnictwo',
        kind: 'attachment',
        form: 'paper',
        paperLocation: 'Segregator OR/3',
      }),
    )
    expect(paper.statusCode).toBe(303)
    const linked = await officer.post(`${url}/letters`, {
      _csrf: csrfOf(withDoc.body),
      direction: 'incoming',
      number: letter.number,
    })
    expect(linked.statusCode).toBe(303)
    const unknown = await officer.post(`${url}/letters`, {
      _csrf: csrfOf(withDoc.body),
      direction: 'incoming',
      number: 'RPW/999/2026',
    })
    expect(unknown.statusCode).toBe(422)
    const after = await officer.get(`${url}?lang=en`)
    expect(after.body).toContain('Poprawiony adres')
    expect(after.body).toContain('Segregator OR/3')
    expect(after.body).toContain(letter.number)
    expect(after.body).toContain('New version of a document')
    expect(after.body).toContain('Letter linked')
  })

  it('gives a head the letters to hand out and the unit’s case register; an officer gets neither', async () => {
    const app = await testApp(dialect, { demo: true, config: { blobDir: freshBlobDir() } })
    const r = await lublinRegistry(app)
    const letter = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/offices/${r.lublin}/incoming`,
        headers: r.bearers.chancellery,
        payload: incomingBody(new Date(), { assignee: { unitId: r.units.or } }),
      })
    ).json<{ id: string; number: string }>()
    await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: r.bearers.head,
      payload: { officeId: r.lublin, unitId: r.units.or, symbol: '0152', title: 'Do spisu' },
    })
    const head = await signedInSession(app, 'demo-head', 'demo-head-pass')
    const letters = await head.get(`/staff/cases?office=${r.lublin}&view=letters&lang=en`)
    expect(letters.statusCode).toBe(200)
    expect(letters.body).toContain(letter.number)
    const officerId = /<option value="([^"]+)">Demo Case Officer/.exec(letters.body)![1]!
    const handed = await head.post(`/staff/cases/letters/${letter.id}/assign`, {
      _csrf: csrfOf(letters.body),
      unitId: r.units.or,
      userId: officerId,
    })
    expect(handed.statusCode).toBe(303)
    const after = await head.get(`${handed.headers.location}&lang=en`)
    expect(after.body).toContain('The letter was handed on.')
    expect(after.body).not.toContain(letter.number)
    const entry = await app.inject({ url: `/api/v1/incoming/${letter.id}`, headers: r.bearers.admin })
    expect(entry.json()).toMatchObject({ assigneeId: officerId, unitId: r.units.or })

    const form = await head.get(`/staff/cases?office=${r.lublin}&view=register&lang=pl`)
    expect(form.body).toContain('Spis spraw')
    const year = new Date().getFullYear()
    const pdf = await head.get(
      `/staff/cases/register?office=${r.lublin}&unit=${r.units.or}&symbol=0152&year=${year}&format=pdf`,
    )
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const csv = await head.get(
      `/staff/cases/register?office=${r.lublin}&unit=${r.units.or}&symbol=0152&year=${year}&format=csv`,
    )
    expect(csv.body).toContain('Do spisu')

    const officer = await signedInSession(app, 'demo-officer', 'demo-officer-pass')
    expect((await officer.get(`/staff/cases?office=${r.lublin}&view=letters`)).statusCode).toBe(403)
    const tabs = await officer.get(`/staff/cases?office=${r.lublin}&lang=en`)
    expect(tabs.body).not.toContain('Letters to hand out')
  })
})
