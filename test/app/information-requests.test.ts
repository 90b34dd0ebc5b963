import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { cookieSession, csrfOf } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { freshBlobDir, lublinRegistry } from '../support/registry.js'
import { problemOf, testApp } from '../support/test-app.js'

interface Status {
  trackingCode: string
  letterNumber: string
  caseSign: string
  receivedOn: string
  status: string
  dueOn: string | null
  extension: { until: string; reason: string; notifiedOn: string } | null
  refusal: { on: string; reason: string } | null
}

describeEachDatabase('requests for public information', (dialect) => {
  const setUp = async () => {
    const clock = new FixedClock('2026-12-01T10:00:00Z')
    const app = await testApp(dialect, { demo: true, clock, config: { blobDir: freshBlobDir() } })
    const r = await lublinRegistry(app)
    // Five requests a minute from one address: each call here from its own address.
    let caller = 0
    const send = (body: Record<string, unknown>, remoteAddress = `10.0.0.${++caller}`) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/information-requests',
        remoteAddress,
        payload: {
          officeId: r.lublin,
          request: 'Proszę o kopię umowy na odśnieżanie ulic w sezonie 2026/2027.',
          delivery: 'email',
          email: 'jan@example.org',
          ...body,
        },
      })
    const track = (code: string) => app.inject({ url: `/api/v1/information-requests/${code}` })
    return { app, clock, r, send, track }
  }

  it('registers a request without an account as a letter and a case with 14 days, followed by its code', async () => {
    const { app, r, send, track } = await setUp()
    const res = await send({ name: 'Jan Kowalski' })
    expect(res.statusCode, res.body).toBe(201)
    const made = res.json<Status>()
    expect(made.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/)
    // 1 December + 14 days: Tuesday 15 December.
    expect(made).toMatchObject({ status: 'registered', receivedOn: '2026-12-01', dueOn: '2026-12-15' })
    expect(made.letterNumber).toMatch(/^RPW\/\d+\/2026$/)
    expect(made.caseSign).toMatch(/^OR\.016\.\d+\.2026$/)
    expect((await track(made.trackingCode)).json<Status>()).toEqual(made)

    // Staff see a case in the unit, with the statutory term and the request's text in its file.
    const cases = (
      await app.inject({
        url: `/api/v1/cases?officeId=${r.lublin}&unitId=${r.units.or}`,
        headers: r.headOfOr.headers,
      })
    ).json<{
      items: { id: string; sign: string; term: string; termBasis: string; incomingIds: string[] }[]
    }>().items
    const c = cases.find((x) => x.sign === made.caseSign)!
    expect(c).toMatchObject({ term: 'P14D', termBasis: 'public-information' })
    const letter = (
      await app.inject({ url: `/api/v1/incoming/${c.incomingIds[0]}`, headers: r.bearers.admin })
    ).json<{ channel: string; number: string }>()
    expect(letter).toMatchObject({ channel: 'eservice', number: made.letterNumber })
    const files = (
      await app.inject({ url: `/api/v1/cases/${c.id}/documents`, headers: r.headOfOr.headers })
    ).json<{ items: { kind: string; versions: { format: string }[] }[] }>().items
    expect(files.map((d) => [d.kind, d.versions[0]?.format])).toEqual([['application', 'text/plain']])

    // Anonymous is allowed; an answer by e-mail needs the address, by post the address; only Polish offices.
    expect((await send({ delivery: 'pickup', email: null })).statusCode).toBe(201)
    for (const [body, path] of [
      [{ email: null }, 'body.email'],
      [{ delivery: 'post' }, 'body.address'],
      [{ officeId: r.lviv }, 'body.officeId'],
      [{ request: 'Krótko' }, 'body.request'],
    ] as const) {
      const refused = await send(body)
      expect(refused.statusCode, JSON.stringify(body)).toBe(422)
      expect(problemOf(refused).errors?.[0]?.path).toBe(path)
    }
    // A sixth request in a minute from one address waits.
    const burst = await Promise.all(Array.from({ length: 6 }, () => send({}, '10.9.9.9')))
    expect(burst.map((b) => b.statusCode).sort()).toEqual([201, 201, 201, 201, 201, 429])
    expect((await track('AAAAA-AAAAA')).statusCode).toBe(404)
    expect(problemOf(await track('not-a-code')).errors?.[0]?.path).toBe('params.code')
  })

  it('extends the term by a notice to two months at most, and refuses by a decision the requester can read', async () => {
    const { app, r, send, track } = await setUp()
    const made = (await send({})).json<Status>()
    const caseId = (
      await app.inject({ url: `/api/v1/cases?officeId=${r.lublin}`, headers: r.headOfOr.headers })
    )
      .json<{ items: { id: string; sign: string }[] }>()
      .items.find((c) => c.sign === made.caseSign)!.id
    const draft = (newDueOn: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/delay-notices`,
        headers: r.headOfOr.headers,
        payload: { reason: 'Informacja wymaga zebrania danych z trzech wydziałów', newDueOn },
      })
    // Two months from 1 December is 1 February 2027.
    const tooLate = await draft('2027-02-05')
    expect(problemOf(tooLate).errors?.[0]).toMatchObject({ path: 'body.newDueOn' })
    expect(problemOf(tooLate).errors?.[0]?.message).toContain('2027-02-01')
    const notice = (await draft('2027-01-29')).json<{ id: string }>()
    await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/delay-notices/${notice.id}/dispatch`,
      headers: r.headOfOr.headers,
      payload: {},
    })
    expect((await track(made.trackingCode)).json<Status>()).toMatchObject({
      dueOn: '2027-01-29',
      extension: {
        until: '2027-01-29',
        notifiedOn: '2026-12-01',
        reason: 'Informacja wymaga zebrania danych z trzech wydziałów',
      },
    })

    const refuse = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/information-requests/${made.trackingCode}/refusal`,
        headers,
        payload: { reason: 'Umowa zawiera tajemnicę przedsiębiorstwa wykonawcy (art. 5 ust. 2).' },
      })
    expect((await refuse(r.officerOfSo.headers)).statusCode).toBe(403)
    const refused = await refuse(r.headOfOr.headers)
    expect(refused.statusCode, refused.body).toBe(200)
    expect(refused.json<Status>()).toMatchObject({
      status: 'refused',
      refusal: {
        on: '2026-12-01',
        reason: 'Umowa zawiera tajemnicę przedsiębiorstwa wykonawcy (art. 5 ust. 2).',
      },
    })
    expect(problemOf(await refuse(r.headOfOr.headers)).code).toBe('REQUEST_REFUSED')
    const decisions = (
      await app.inject({ url: `/api/v1/cases/${caseId}/documents`, headers: r.headOfOr.headers })
    )
      .json<{ items: { kind: string }[] }>()
      .items.filter((d) => d.kind === 'decision')
    expect(decisions).toHaveLength(1)
  })

  it('takes a request on a public page without JavaScript and shows where it stands, in three languages', async () => {
    const { app } = await setUp()
    const resident = cookieSession(app)
    const form = await resident.get('/information-request?lang=pl')
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Wniosek o udostępnienie informacji publicznej')
    expect(form.body).not.toContain('LVIV')
    const officeId = /<option value="([^"]+)"[^>]*>[^<]*Lublin/.exec(form.body)![1]!
    const missing = await resident.post('/information-request?lang=pl', {
      _csrf: csrfOf(form.body),
      officeId,
      request: 'Proszę o rejestr umów z 2026 roku.',
      delivery: 'email',
      email: '',
    })
    expect(missing.statusCode).toBe(422)
    expect(missing.body).toContain('href="#field-email"')
    expect(missing.body).toContain('Podaj adres e-mail, na który wysłać odpowiedź.')
    const sent = await resident.post('/information-request', {
      _csrf: csrfOf(missing.body),
      officeId,
      request: 'Proszę o rejestr umów z 2026 roku.',
      delivery: 'pickup',
    })
    expect(sent.statusCode).toBe(303)
    const location = String(sent.headers.location)
    expect(location).toMatch(/^\/information-request\/[0-9A-Z]{5}-[0-9A-Z]{5}\?sent=1$/)
    const code = location.slice('/information-request/'.length, -'?sent=1'.length)
    for (const [lang, words] of [
      ['pl', 'Zarejestrowany: czeka na pracownika'],
      ['en', 'Registered: waiting for an officer'],
      ['uk', 'Зареєстровано: очікує на працівника'],
    ] as const) {
      const page = await resident.get(`/information-request/${code}?lang=${lang}`)
      expect(page.body).toContain(words)
    }
    const en = await resident.get(`${location}&lang=en`)
    expect(en.body).toContain('Keep this code')
    expect(en.body).toContain('Tuesday, December 15, 2026')
    // Following it by its code from the form, in lower case too; an unknown code is told so.
    expect(
      (await resident.get(`/information-request/track?code=${code.toLowerCase()}`)).headers.location,
    ).toBe(`/information-request/${code}`)
    const unknown = await resident.get('/information-request/AAAAA-AAAAA?lang=en')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.body).toContain('No request has this code.')
  })
})
