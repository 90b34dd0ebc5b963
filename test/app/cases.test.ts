import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { describeEachDatabase } from '../support/databases.js'
import { freshBlobDir, incomingBody, lublinRegistry } from '../support/registry.js'
import { problemOf, testApp } from '../support/test-app.js'

interface Case {
  id: string
  sign: string
  status: string
  category: string
  number: number
  next: string[]
  closedOn: string | null
  assigneeId: string | null
  incomingIds: string[]
  version: number
}

describeEachDatabase('cases', (dialect) => {
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
          title: 'Wniosek o wyjaśnienia',
          ...body,
        },
      })
    const step = (
      id: string,
      name: string,
      headers: Record<string, string>,
      payload: Record<string, unknown> = {},
    ) => app.inject({ method: 'POST', url: `/api/v1/cases/${id}/${name}`, headers, payload })
    return { app, clock, r, open, step }
  }

  it('signs cases <unit>.<symbol>.<n>.<year>, numbered per unit, class and year, with the class’s category', async () => {
    const { open, r } = await setUp()
    const first = await open()
    expect(first.statusCode).toBe(201)
    expect(first.json<Case>()).toMatchObject({
      sign: 'OR.0152.1.2026',
      number: 1,
      category: 'A',
      status: 'registered',
    })
    expect((await open()).json<Case>().sign).toBe('OR.0152.2.2026')
    expect((await open({ symbol: '316' })).json<Case>()).toMatchObject({
      sign: 'OR.316.1.2026',
      category: 'B5',
    })
    const so = await open({ unitId: r.units.so }, r.bearers.officer)
    expect(so.json<Case>().sign).toBe('SO.0152.1.2026')
  })

  it('gives 50 cases opened at once the numbers 1 to 50, each once', async () => {
    const { open } = await setUp()
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => open({ title: `Sprawa ${i}` })))
    expect(answers.map((a) => a.statusCode)).toEqual(Array(50).fill(201))
    expect(answers.map((a) => a.json<Case>().number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    )
  })

  it('opens one case for one Idempotency-Key, even sent ten times at once; another person’s same key is theirs', async () => {
    const { open, r } = await setUp()
    const key = { 'idempotency-key': 'form-7f3a' }
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        open({ title: 'Wysłane dwa razy' }, { ...r.officerOfOr.headers, ...key }),
      ),
    )
    expect(new Set(answers.map((a) => a.json<Case>().sign))).toEqual(new Set(['OR.0152.1.2026']))
    expect(answers.every((a) => a.statusCode === 201)).toBe(true)
    const theirs = await open({ title: 'Inna osoba' }, { ...r.headOfOr.headers, ...key })
    expect(theirs.json<Case>().sign).toBe('OR.0152.2.2026')
    // No number was spent on the repeats.
    expect((await open()).json<Case>().sign).toBe('OR.0152.3.2026')
  })

  it('refuses a class that takes no cases, a unit of another office, a letter of another office, naming the field', async () => {
    const { app, open, r } = await setUp()
    const pathOf = async (body: Record<string, unknown>) => problemOf(await open(body)).errors?.[0]?.path
    expect(await pathOf({ symbol: '015' })).toBe('body.symbol')
    expect(await pathOf({ symbol: '9999' })).toBe('body.symbol')
    const lvivUnit = (
      await app.inject({ url: `/api/v1/offices/${r.lviv}/units`, headers: r.bearers.admin })
    ).json<{ items: { id: string }[] }>().items[0]!.id
    expect(problemOf(await open({ unitId: lvivUnit }, r.bearers.admin)).errors?.[0]?.path).toBe('body.unitId')
    expect(await pathOf({ incomingIds: [r.lublin] })).toBe('body.incomingIds[0]')
    expect(await pathOf({ startedOn: '2027-01-01' })).toBe('body.startedOn')
    // The refusals spent no number.
    expect((await open()).json<Case>().sign).toBe('OR.0152.1.2026')
  })

  it('takes a case through its workflow; only a head approves, a closed case refuses edits, a reopened one takes them', async () => {
    const { app, open, step, r } = await setUp()
    const letter = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/offices/${r.lublin}/incoming`,
        headers: r.bearers.chancellery,
        payload: incomingBody(new Date('2026-12-01T10:00:00Z')),
      })
    ).json<{ id: string }>()
    const c = (await open({ incomingIds: [letter.id] })).json<Case>()
    expect(c.incomingIds).toEqual([letter.id])
    const officer = r.officerOfOr
    // Rights first: the officer is not its assignee yet; the head may work on it, but not start it unassigned.
    expect((await step(c.id, 'start', officer.headers)).statusCode).toBe(403)
    expect(problemOf(await step(c.id, 'start', r.headOfOr.headers)).code).toBe('CASE_STATE')
    expect((await step(c.id, 'assign', officer.headers, { assigneeId: officer.id })).statusCode).toBe(403)
    const assigned = await step(c.id, 'assign', r.headOfOr.headers, { assigneeId: officer.id })
    expect(assigned.json<Case>()).toMatchObject({ status: 'assigned', assigneeId: officer.id })
    expect(
      (await step(c.id, 'assign', r.headOfOr.headers, { assigneeId: r.officerOfSo.id })).statusCode,
    ).toBe(422)
    expect((await step(c.id, 'start', officer.headers)).json<Case>().status).toBe('in-progress')
    expect(problemOf(await step(c.id, 'suspend', officer.headers)).errors?.[0]?.path).toBe('body.reason')
    expect(
      (await step(c.id, 'suspend', officer.headers, { reason: 'Czekamy na opinię' })).json<Case>().status,
    ).toBe('suspended')
    expect((await step(c.id, 'resume', officer.headers)).json<Case>().status).toBe('in-progress')
    const submitted = (await step(c.id, 'submit', officer.headers)).json<Case>()
    expect(submitted.next).toEqual([])
    expect((await step(c.id, 'approve', officer.headers)).statusCode).toBe(403)
    const head = (
      await app.inject({ url: `/api/v1/cases/${c.id}`, headers: r.headOfOr.headers })
    ).json<Case>()
    expect(head.next).toEqual(['approve', 'return'])
    expect(
      (await step(c.id, 'return', r.headOfOr.headers, { reason: 'Uzupełnić uzasadnienie' })).json<Case>()
        .status,
    ).toBe('in-progress')
    await step(c.id, 'submit', officer.headers)
    expect((await step(c.id, 'approve', r.headOfOr.headers)).json<Case>().status).toBe('approved')
    expect((await step(c.id, 'dispatch', officer.headers)).json<Case>().status).toBe('dispatched')
    const closed = (await step(c.id, 'close', officer.headers)).json<Case>()
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2026-12-01' })
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${c.id}`,
      headers: officer.headers,
      payload: { title: 'x' },
    })
    expect(problemOf(edit).code).toBe('CASE_CLOSED')
    expect(problemOf(await step(c.id, 'start', officer.headers)).code).toBe('CASE_CLOSED')
    expect((await step(c.id, 'reopen', officer.headers, { reason: 'x' })).statusCode).toBe(403)
    expect(
      (
        await step(c.id, 'reopen', r.headOfOr.headers, { reason: 'Wniosek o ponowne rozpatrzenie' })
      ).json<Case>(),
    ).toMatchObject({ status: 'in-progress', closedOn: null })
    const history = await app.inject({ url: `/api/v1/cases/${c.id}/history`, headers: officer.headers })
    const items = history.json<{ items: { action: string; actor: string; summary: { reason?: string } }[] }>()
      .items
    expect(items.map((i) => i.action)).toEqual([
      'case.open',
      'case.assign',
      'case.start',
      'case.suspend',
      'case.resume',
      'case.submit',
      'case.return',
      'case.submit',
      'case.approve',
      'case.dispatch',
      'case.close',
      'case.reopen',
    ])
    expect(items.find((i) => i.action === 'case.return')?.summary.reason).toBe('Uzupełnić uzasadnienie')
  })

  it("keeps a unit's cases to its staff, the assignee and the heads above, and lists each their own", async () => {
    const { app, open, step, r } = await setUp()
    const ofOr = (await open()).json<Case>()
    const ofSo = (await open({ unitId: r.units.so }, r.officerOfSo.headers)).json<Case>()
    expect(
      (await app.inject({ url: `/api/v1/cases/${ofOr.id}`, headers: r.officerOfSo.headers })).statusCode,
    ).toBe(403)
    expect((await app.inject({ url: `/api/v1/cases/${ofOr.id}`, headers: r.bearers.head })).statusCode).toBe(
      200,
    )
    // The chancellery registers letters; it does not read cases.
    expect(
      (await app.inject({ url: `/api/v1/cases/${ofOr.id}`, headers: r.bearers.chancellery })).statusCode,
    ).toBe(403)
    expect((await open({}, r.officerOfSo.headers)).statusCode).toBe(403)
    const tray = async (headers: Record<string, string>, query = '') =>
      (await app.inject({ url: `/api/v1/cases?officeId=${r.lublin}${query}`, headers }))
        .json<{ items: Case[] }>()
        .items.map((c) => c.sign)
    expect(await tray(r.officerOfOr.headers)).toEqual([ofOr.sign])
    expect(await tray(r.officerOfSo.headers)).toEqual([ofSo.sign])
    expect(await tray(r.bearers.head)).toEqual([ofSo.sign, ofOr.sign])
    expect(await tray(r.bearers.chancellery)).toEqual([])
    await step(ofOr.id, 'assign', r.headOfOr.headers, { assigneeId: r.officerOfOr.id })
    await step(ofOr.id, 'start', r.officerOfOr.headers)
    await step(ofOr.id, 'submit', r.officerOfOr.headers)
    expect(await tray(r.headOfOr.headers, '&awaitingMyApproval=true')).toEqual([ofOr.sign])
    expect(await tray(r.officerOfOr.headers, '&awaitingMyApproval=true')).toEqual([])
    const denied = await app.inject({ url: '/api/v1/audit?action=access.denied', headers: r.bearers.admin })
    expect(denied.json<{ items: unknown[] }>().items.length).toBeGreaterThanOrEqual(3)
  })

  it('lets a head give one person from elsewhere access to a case, and take it back, audited', async () => {
    const { app, open, r } = await setUp()
    const c = (await open()).json<Case>()
    const read = () => app.inject({ url: `/api/v1/cases/${c.id}`, headers: r.officerOfSo.headers })
    expect((await read()).statusCode).toBe(403)
    const share = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/cases/${c.id}/access`,
        headers,
        payload: { userId: r.officerOfSo.id },
      })
    expect((await share(r.officerOfOr.headers)).statusCode).toBe(403)
    expect((await share(r.headOfOr.headers)).json()).toEqual({ userIds: [r.officerOfSo.id] })
    expect((await read()).statusCode).toBe(200)
    const tray = await app.inject({
      url: `/api/v1/cases?officeId=${r.lublin}`,
      headers: r.officerOfSo.headers,
    })
    expect(tray.json<{ items: Case[] }>().items.map((i) => i.id)).toEqual([c.id])
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/cases/${c.id}/access/${r.officerOfSo.id}`,
      headers: r.headOfOr.headers,
    })
    expect(revoke.json()).toEqual({ userIds: [] })
    expect((await read()).statusCode).toBe(403)
    const history = await app.inject({ url: `/api/v1/cases/${c.id}/history`, headers: r.headOfOr.headers })
    expect(history.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toEqual([
      'case.open',
      'case.share',
      'case.unshare',
    ])
  })

  it('opens sub-cases under a case: OR.0152.1.1.2026, OR.0152.1.2.2026', async () => {
    const { app, open, r } = await setUp()
    const parent = (await open()).json<Case>()
    const sub = (n: number) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/cases/${parent.id}/subcases`,
        headers: r.officerOfOr.headers,
        payload: { title: `Część ${n}` },
      })
    expect((await sub(1)).json<Case>().sign).toBe('OR.0152.1.1.2026')
    expect((await sub(2)).json<Case>().sign).toBe('OR.0152.1.2.2026')
    // The unit's register goes on from the parent.
    expect((await open()).json<Case>().sign).toBe('OR.0152.2.2026')
  })

  it("prints the unit's case register with whom each case came from", async () => {
    const { app, open, r } = await setUp()
    const letter = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/offices/${r.lublin}/incoming`,
        headers: r.bearers.chancellery,
        payload: incomingBody(new Date('2026-12-01T10:00:00Z')),
      })
    ).json<{ id: string; number: string }>()
    await open({ incomingIds: [letter.id], title: 'Zaświadczenie' })
    await open({ title: 'Z urzędu' })
    const url = `/api/v1/offices/${r.lublin}/case-register?unitId=${r.units.or}&symbol=0152&year=2026`
    const json = await app.inject({ url, headers: r.officerOfOr.headers })
    expect(json.json<{ items: unknown[] }>().items).toMatchObject([
      {
        number: 1,
        sign: 'OR.0152.1.2026',
        subject: 'Zaświadczenie',
        from: {
          name: 'Zofia Łęcka',
          reference: 'ZL/1/2026',
          letterDate: '2026-11-20',
          incoming: letter.number,
        },
        startedOn: '2026-12-01',
        closedOn: null,
      },
      { number: 2, sign: 'OR.0152.2.2026', from: null },
    ])
    const csv = await app.inject({ url: `${url}&format=csv&lang=pl`, headers: r.officerOfOr.headers })
    expect(csv.body).toContain('Znak sprawy')
    expect(csv.body).toContain('Zofia Łęcka, ZL/1/2026, 2026-11-20')
    const pdf = await app.inject({ url: `${url}&format=pdf`, headers: r.officerOfOr.headers })
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    expect((await app.inject({ url, headers: r.officerOfSo.headers })).statusCode).toBe(403)
    // The class's title heads the register; a symbol that is no class is named as the mistake.
    expect(json.json<{ classTitle: string }>().classTitle).toMatch(/\S/)
    const wrong = await app.inject({
      url: url.replace('symbol=0152', 'symbol=9999'),
      headers: r.officerOfOr.headers,
    })
    expect(problemOf(wrong).errors?.[0]?.path).toBe('query.symbol')
  })
})
