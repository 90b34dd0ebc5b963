import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { extractText } from '../../src/platform/text-extraction.js'
import { publishCard } from '../support/cards.js'
import { describeEachDatabase } from '../support/databases.js'
import { freshBlobDir, lublinRegistry } from '../support/registry.js'
import { bearerFor, problemOf, testApp } from '../support/test-app.js'

interface Case {
  id: string
  term: string | null
  termSource: string | null
  termBasis: string | null
  dueOn: string | null
  dueSteps: { kind: string; date: string; amount?: number; name?: string }[]
  suspendedOn: string | null
  suspendedDays: number
  version: number
}

const DAY = 86_400_000

describeEachDatabase('deadlines of cases', (dialect) => {
  const setUp = async () => {
    const clock = new FixedClock('2026-12-01T10:00:00Z')
    const app = await testApp(dialect, { demo: true, clock, config: { blobDir: freshBlobDir() } })
    const r = await lublinRegistry(app)
    const open = (body: Record<string, unknown> = {}, headers = r.officerOfOr.headers) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers,
        payload: {
          officeId: r.lublin,
          unitId: r.units.or,
          symbol: '0152',
          title: 'Wniosek o wydanie decyzji',
          ...body,
        },
      })
    const step = (id: string, name: string, payload: Record<string, unknown> = {}) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/cases/${id}/${name}`,
        headers: r.headOfOr.headers,
        payload,
      })
    const history = async (id: string) =>
      (await app.inject({ url: `/api/v1/cases/${id}/history`, headers: r.headOfOr.headers })).json<{
        items: { action: string; summary: Record<string, unknown> }[]
      }>().items
    return { app, clock, r, open, step, history }
  }

  it('counts a statutory term from the start date over the office calendar, with the steps', async () => {
    const { open } = await setUp()
    // 11 October 2026 + one month is 11 November, Independence Day: the term ends on the 12th.
    const res = await open({ startedOn: '2026-10-11', statutoryTerm: 'kpa-1m' })
    expect(res.statusCode).toBe(201)
    const c = res.json<Case>()
    expect(c).toMatchObject({
      term: 'P1M',
      termSource: 'statutory',
      termBasis: 'kpa-1m',
      dueOn: '2026-11-12',
    })
    expect(c.dueSteps).toEqual([
      { kind: 'start', date: '2026-10-11' },
      { kind: 'months', amount: 1, date: '2026-11-11' },
      { kind: 'day-off', date: '2026-11-11', name: 'Narodowe Święto Niepodległości' },
      { kind: 'due', date: '2026-11-12' },
    ])
  })

  it("takes the term of the service card the case is opened for, or the law's month when it names none", async () => {
    const { app, open, r } = await setUp()
    const editor = await bearerFor(app, 'demo-editor', 'demo-editor-pass')
    const card = (code: string, processingTime?: string) =>
      publishCard(app, editor, {
        code,
        name: { pl: code, uk: code, en: code },
        description: { pl: 'Opis.', uk: 'Опис.', en: 'About.' },
        ...(processingTime ? { processingTime } : {}),
        offices: [{ officeId: r.lublin }],
      })
    const thirtyDays = await card('ID-CARD', 'P30D')
    const c = (await open({ startedOn: '2026-11-02', serviceId: thirtyDays })).json<Case>()
    expect(c).toMatchObject({ term: 'P30D', termSource: 'card', termBasis: 'ID-CARD', dueOn: '2026-12-02' })
    // A term chosen beside the card wins over the card's.
    const chosen = (
      await open({ startedOn: '2026-11-02', serviceId: thirtyDays, statutoryTerm: 'kpa-2m' })
    ).json<Case>()
    expect(chosen).toMatchObject({ term: 'P2M', termSource: 'statutory', dueOn: '2027-01-04' })
    // No processing time on the card: KPA's month. A year: twelve months. A month and a half: no one way to count it.
    const none = (await open({ startedOn: '2026-11-02', serviceId: await card('NO-TIME') })).json<Case>()
    expect(none).toMatchObject({
      term: 'P1M',
      termSource: 'statutory',
      termBasis: 'kpa-1m',
      dueOn: '2026-12-02',
    })
    const year = (
      await open({ startedOn: '2026-11-02', serviceId: await card('A-YEAR', 'P1Y') })
    ).json<Case>()
    expect(year).toMatchObject({ term: 'P12M', termSource: 'card', dueOn: '2027-11-02' })
    for (const serviceId of [
      await card('MONTH-AND-A-HALF', 'P1M15D'),
      '00000000-0000-4000-8000-000000000000',
    ]) {
      const refused = await open({ serviceId })
      expect(refused.statusCode).toBe(422)
      expect(problemOf(refused).errors?.[0]?.path).toBe('body.serviceId')
    }
  })

  it('needs a reason for a term set by hand, and refuses two terms, a term of another law or a year', async () => {
    const { open } = await setUp()
    const byHand = (await open({ startedOn: '2026-11-20', term: 'P14D', termReason: 'Pilne' })).json<Case>()
    expect(byHand).toMatchObject({ termSource: 'manual', termBasis: 'Pilne', dueOn: '2026-12-04' })
    for (const [body, field] of [
      [{ term: 'P14D' }, 'body.termReason'],
      [{ term: 'P14D', termReason: 'x', statutoryTerm: 'kpa-1m' }, 'body.term'],
      [{ statutoryTerm: 'ua-appeal' }, 'body.statutoryTerm'],
      [{ term: 'P1Y', termReason: 'x' }, 'term'],
    ] as const) {
      const res = await open(body)
      expect(res.statusCode, JSON.stringify(body)).toBe(422)
      expect(JSON.stringify(problemOf(res).errors), JSON.stringify(body)).toContain(field)
    }
  })

  it('stops the clock while suspended: 10 days suspended move the due date by 10 days, audited', async () => {
    const { app, clock, open, step, history, r } = await setUp()
    // 20 November + 14 days is Friday 4 December; ten more days make it Monday 14 December.
    const c = (await open({ startedOn: '2026-11-20', term: 'P14D', termReason: 'Pilne' })).json<Case>()
    expect(c.dueOn).toBe('2026-12-04')
    await step(c.id, 'assign', { assigneeId: r.officerOfOr.id })
    await step(c.id, 'start')
    const suspended = (await step(c.id, 'suspend', { reason: 'Czekamy na opinię' })).json<Case>()
    expect(suspended).toMatchObject({ suspendedOn: '2026-12-01', dueOn: '2026-12-04' })
    clock.advance(10 * DAY)
    // Ten days on, the head signs in again (yesterday's sign-in has ended).
    r.headOfOr.headers = await bearerFor(app, r.headOfOr.login, 'a-long-password-1')
    const resumed = await step(c.id, 'resume')
    expect(resumed.statusCode).toBe(200)
    expect(resumed.json<Case>()).toMatchObject({ suspendedOn: null, suspendedDays: 10, dueOn: '2026-12-14' })
    expect(resumed.json<Case>().dueSteps.map((s) => s.kind)).toEqual(['start', 'days', 'suspended', 'due'])
    const resume = (await history(c.id)).find((h) => h.action === 'case.resume')!
    expect(resume.summary).toMatchObject({
      dueOn: { from: '2026-12-04', to: '2026-12-14' },
      dueReason: 'suspended 10 days (KPA art. 35 §5)',
    })
  })

  it('counts the due date again when the term is changed, with the reason in the history', async () => {
    const { app, open, history, r } = await setUp()
    const c = (await open({ startedOn: '2026-11-20', statutoryTerm: 'kpa-1m' })).json<Case>()
    expect(c.dueOn).toBe('2026-12-21')
    const edit = (payload: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `/api/v1/cases/${c.id}`, headers: r.headOfOr.headers, payload })
    expect(problemOf(await edit({ term: 'P2M' })).errors?.[0]?.path).toBe('body.termReason')
    const changed = await edit({ term: 'P2M', termReason: 'Sprawa szczególnie skomplikowana' })
    expect(changed.statusCode).toBe(200)
    // 20 January 2027 is a Wednesday.
    expect(changed.json<Case>()).toMatchObject({ term: 'P2M', termSource: 'manual', dueOn: '2027-01-20' })
    const entry = (await history(c.id)).find((h) => h.action === 'case.edit')!
    expect(entry.summary).toMatchObject({
      term: { from: 'P1M', to: 'P2M' },
      dueOn: { from: '2026-12-21', to: '2027-01-20' },
      dueReason: 'Sprawa szczególnie skomplikowana',
    })
    const cleared = await edit({ term: null })
    expect(cleared.json<Case>()).toMatchObject({ term: null, dueOn: null, dueSteps: [] })
  })

  it('lists overdue cases and those due by the third working day, per officer, unit and office, and counts them per centre', async () => {
    const { app, open, step, r } = await setUp()
    // Today is Tuesday 1 December 2026: due soon runs to Friday the 4th.
    const opened = async (startedOn: string, headers = r.officerOfOr.headers, unitId = r.units.or) =>
      (await open({ startedOn, term: 'P14D', termReason: 'Test', unitId }, headers)).json<
        Case & { sign: string }
      >()
    const late = await opened('2026-11-10') // due 24 November: 7 days late
    const today = await opened('2026-11-17') // due 1 December
    const soon = await opened('2026-11-20') // due 4 December
    const later = await opened('2026-11-23') // due 7 December: not yet
    const paused = await opened('2026-11-10') // late, but its clock is stopped
    const otherUnit = await opened('2026-11-10', r.officerOfSo.headers, r.units.so)
    await step(late.id, 'assign', { assigneeId: r.officerOfOr.id })
    await step(paused.id, 'assign', { assigneeId: r.officerOfOr.id })
    await step(paused.id, 'start')
    await step(paused.id, 'suspend', { reason: 'Czekamy' })
    const list = async (query: string, headers: Record<string, string>) => {
      const res = await app.inject({ url: `/api/v1/deadlines/cases?officeId=${r.lublin}${query}`, headers })
      expect(res.statusCode, res.body).toBe(200)
      return res.json<{
        today: string
        horizon: string
        counts: { overdue: number; dueSoon: number }
        items: { id: string; state: string; overdueDays: number; dueOn: string }[]
      }>()
    }
    const unit = await list('', r.officerOfOr.headers)
    expect(unit).toMatchObject({
      today: '2026-12-01',
      horizon: '2026-12-04',
      counts: { overdue: 1, dueSoon: 2 },
    })
    expect(unit.items.map((i) => [i.id, i.state, i.overdueDays])).toEqual([
      [late.id, 'overdue', 7],
      [today.id, 'due-today', 0],
      [soon.id, 'due-soon', 0],
    ])
    expect((await list('&assignedTo=me', r.officerOfOr.headers)).items.map((i) => i.id)).toEqual([late.id])
    expect(
      (await list(`&assigneeId=${r.officerOfOr.id}`, r.headOfOr.headers)).items.map((i) => i.id),
    ).toEqual([late.id])
    const office = await list('', r.bearers.admin)
    expect(office.counts).toEqual({ overdue: 2, dueSoon: 2 })
    expect(office.items.map((i) => i.id)).toContain(otherUnit.id)
    expect((await list('&within=4', r.officerOfOr.headers)).items.map((i) => i.id)).toContain(later.id)

    const centres = await app.inject({ url: '/api/v1/deadlines/centres', headers: r.bearers.coordinator })
    expect(centres.statusCode).toBe(200)
    const items = centres.json<{ items: { officeId: string; overdue: number; dueSoon: number }[] }>().items
    expect(items[0]).toMatchObject({ officeId: r.lublin, overdue: 2, dueSoon: 2 })
    expect(items.find((i) => i.officeId === r.lviv)).toMatchObject({ overdue: 0, dueSoon: 0 })
    expect(
      (await app.inject({ url: '/api/v1/deadlines/centres', headers: r.officerOfOr.headers })).statusCode,
    ).toBe(403)
  })

  it('drafts a KPA art. 36 notice as a PDF in the case file; once dispatched its date is due, moved only by later suspensions', async () => {
    const { app, clock, open, step, history, r } = await setUp()
    const c = (
      await open({
        startedOn: '2026-11-20',
        term: 'P14D',
        termReason: 'Pilne',
        parties: [{ kind: 'person', name: 'Anna Nowak' }],
      })
    ).json<Case>()
    const head = () => r.headOfOr.headers
    const relogin = async () => {
      r.headOfOr.headers = await bearerFor(app, r.headOfOr.login, 'a-long-password-1')
    }
    await step(c.id, 'assign', { assigneeId: r.officerOfOr.id })
    await step(c.id, 'start')
    // Suspended from Tuesday 1 to Thursday 3 December: due Friday 4 + 2 days = Sunday 6 → Monday 7.
    await step(c.id, 'suspend', { reason: 'Brak dokumentów' })
    clock.advance(2 * DAY)
    await relogin()
    expect((await step(c.id, 'resume')).json<Case>().dueOn).toBe('2026-12-07')

    const draft = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/delay-notices`, headers: head(), payload })
    const tooEarly = await draft({ reason: 'Opinia biegłego', newDueOn: '2026-12-07' })
    expect(problemOf(tooEarly).errors?.[0]?.path).toBe('body.newDueOn')
    const drafted = await draft({ reason: 'Czekamy na opinię biegłego', newDueOn: '2026-12-18' })
    expect(drafted.statusCode, drafted.body).toBe(201)
    const notice = drafted.json<{ id: string; documentId: string; dispatchedOn: string | null }>()
    expect(notice.dispatchedOn).toBeNull()
    // Drafted, not yet sent: the due date stands.
    const before = (await app.inject({ url: `/api/v1/cases/${c.id}`, headers: head() })).json<Case>()
    expect(before.dueOn).toBe('2026-12-07')
    // The notice is a PDF of the case file, for the parties, with the reason and the new date.
    const doc = (
      await app.inject({ url: `/api/v1/cases/${c.id}/documents/${notice.documentId}`, headers: head() })
    ).json<{
      kind: string
      metadata: { access: string; recipient: string }
      versions: { version: number }[]
    }>()
    expect(doc).toMatchObject({ kind: 'letter', metadata: { access: 'parties', recipient: 'Anna Nowak' } })
    const pdf = await app.inject({
      url: `/api/v1/cases/${c.id}/documents/${notice.documentId}/versions/1/content`,
      headers: head(),
    })
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const text = await extractText(pdf.rawPayload, 'pdf')
    expect(text.status === 'done' ? text.text.replace(/\s+/g, ' ') : '').toContain(
      'Przyczyna zwłoki: Czekamy na opinię biegłego',
    )
    expect(text.status === 'done' ? text.text.replace(/\s+/g, ' ') : '').toContain('18 grudnia 2026')

    const dispatch = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/cases/${c.id}/delay-notices/${notice.id}/dispatch`,
        headers: head(),
        payload: {},
      })
    const sent = await dispatch()
    expect(sent.statusCode, sent.body).toBe(200)
    expect(sent.json<Case>()).toMatchObject({
      dueOn: '2026-12-18',
      noticeDueOn: '2026-12-18',
      suspendedDays: 2,
    })
    expect(sent.json<Case>().dueSteps.map((s) => s.kind)).toEqual(['notice', 'due'])
    expect(problemOf(await dispatch()).code).toBe('NOTICE_DISPATCHED')
    const entry = (await history(c.id)).find((h) => h.action === 'case.delay-notice-dispatch')!
    expect(entry.summary).toMatchObject({
      dueOn: { from: '2026-12-07', to: '2026-12-18' },
      dueReason: 'KPA art. 36 notice: Czekamy na opinię biegłego',
    })
    // Suspended again for 3 days after the notice: those move its date (Friday 18 → Monday 21).
    await step(c.id, 'suspend', { reason: 'Wniosek strony' })
    clock.advance(3 * DAY)
    await relogin()
    expect((await step(c.id, 'resume')).json<Case>().dueOn).toBe('2026-12-21')
  })
})
