import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { describeEachDatabase } from '../support/databases.js'
import { freshBlobDir, incomingBody, lublinRegistry } from '../support/registry.js'
import { problemOf, testApp } from '../support/test-app.js'

interface Entry {
  id: string
  number: string
  year: number
  seq: number
  status: string
  version: number
  unitId: string | null
  voidReason: string | null
  sender: { name: string | null; address: unknown; email: unknown }
  letterDate: string | null
  title: string
}

const NOW = '2026-12-01T10:00:00Z'

describeEachDatabase('incoming register', (dialect) => {
  const setUp = async (at = NOW) => {
    const clock = new FixedClock(at)
    const app = await testApp(dialect, { demo: true, clock, config: { blobDir: freshBlobDir() } })
    const r = await lublinRegistry(app)
    const register = (body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/offices/${r.lublin}/incoming`,
        headers: { ...r.bearers.chancellery, ...headers },
        payload: incomingBody(clock.now(), body),
      })
    return { app, clock, r, register }
  }

  it('numbers letters RPW/<n>/<yyyy> from 1 and keeps what the letter says, missing parts as missing', async () => {
    const { app, r, register } = await setUp()
    const first = await register()
    expect(first.statusCode).toBe(201)
    expect(first.json<Entry>()).toMatchObject({
      number: 'RPW/1/2026',
      year: 2026,
      seq: 1,
      status: 'registered',
    })
    expect(first.headers.etag).toBe('"v1"')
    const anonymous = await register({ sender: { kind: 'unknown', name: null }, letterDate: null })
    const body = anonymous.json<Entry>()
    expect(body.number).toBe('RPW/2/2026')
    expect(body.sender).toEqual({ kind: 'unknown', name: null, address: null, email: null })
    expect(body.letterDate).toBeNull()
    const read = await app.inject({ url: `/api/v1/incoming/${body.id}`, headers: r.bearers.chancellery })
    expect(read.json<Entry>().number).toBe('RPW/2/2026')
  })

  it('gives 50 letters registered at once the numbers 1 to 50, each once', async () => {
    const { register } = await setUp()
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => register({ title: `Pismo ${i}` })))
    expect(answers.map((a) => a.statusCode)).toEqual(Array(50).fill(201))
    const seqs = answers.map((a) => a.json<Entry>().seq).sort((a, b) => a - b)
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
  })

  it('files a letter in the year of its office-local receipt date, whatever UTC says', async () => {
    const { register } = await setUp('2027-01-02T08:00:00Z')
    // 23:30 on 31 December in Lublin (22:30 UTC): still 2026's register.
    const late = await register({ receivedAt: '2026-12-31T22:30:00Z' })
    expect(late.json<Entry>().number).toBe('RPW/1/2026')
    // 00:30 on 1 January in Lublin (23:30 UTC on 31 December): the first of 2027.
    const early = await register({ receivedAt: '2026-12-31T23:30:00Z' })
    expect(early.json<Entry>().number).toBe('RPW/1/2027')
    expect((await register({ receivedAt: '2026-12-31T21:00:00Z' })).json<Entry>().number).toBe('RPW/2/2026')
  })

  it('does not spend a number on a refused registration, nor two on a form sent twice', async () => {
    const { r, register } = await setUp()
    expect((await register()).json<Entry>().seq).toBe(1)
    const wrongUnit = await register({ assignee: { unitId: '0190b7a0-0000-7000-8000-000000000000' } })
    expect(wrongUnit.statusCode).toBe(422)
    expect(problemOf(wrongUnit).errors?.[0]?.path).toBe('body.assignee.unitId')
    const future = await register({ receivedAt: '2027-06-01T00:00:00Z' })
    expect(problemOf(future).errors?.[0]?.path).toBe('body.receivedAt')
    const noChannel = await register({ channel: 'pigeon' })
    expect(noChannel.statusCode).toBe(422)
    expect(problemOf(noChannel).errors?.[0]?.path).toBe('body.channel')
    const key = { 'idempotency-key': 'form-42' }
    const [once, twice] = await Promise.all([register({}, key), register({}, key)])
    expect(once.json<Entry>().id).toBe(twice.json<Entry>().id)
    expect(once.json<Entry>().seq).toBe(2)
    const assigned = await register({ assignee: { unitId: r.units.or, userId: r.officerOfOr.id } })
    expect(assigned.json<Entry>()).toMatchObject({ seq: 3, status: 'assigned', unitId: r.units.or })
    // An officer of another unit is not one of OR's.
    const notOfUnit = await register({ assignee: { unitId: r.units.or, userId: r.officerOfSo.id } })
    expect(problemOf(notOfUnit).errors?.[0]?.path).toBe('body.assignee.userId')
    expect((await register()).json<Entry>().seq).toBe(4)
  })

  it('corrects an entry as a new version, refuses a lost update, and keeps every version', async () => {
    const { app, r, register } = await setUp()
    const entry = (await register()).json<Entry>()
    const patch = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/incoming/${entry.id}`,
        headers: { ...r.bearers.chancellery, ...headers },
        payload,
      })
    const fixed = await patch({ title: 'Wniosek o zaświadczenie o niezaleganiu' }, { 'if-match': '"v1"' })
    expect(fixed.statusCode).toBe(200)
    expect(fixed.json<Entry>()).toMatchObject({ version: 2, number: 'RPW/1/2026' })
    expect((await patch({ notes: 'late' }, { 'if-match': '"v1"' })).statusCode).toBe(412)
    const otherYear = await patch({ receivedAt: '2025-12-30T10:00:00Z' })
    expect(problemOf(otherYear).errors?.[0]?.path).toBe('body.receivedAt')
    expect((await patch({})).statusCode).toBe(422)
    const versions = await app.inject({
      url: `/api/v1/incoming/${entry.id}/versions`,
      headers: r.bearers.chancellery,
    })
    const items = versions.json<{
      items: { version: number; action: string; changedBy: string; state: Entry }[]
    }>().items
    expect(items.map((v) => [v.version, v.action, v.changedBy])).toEqual([
      [1, 'register', 'demo-chancellery'],
      [2, 'edit', 'demo-chancellery'],
    ])
    expect(items[0]!.state.title).toBe('Wniosek o wydanie zaświadczenia')
    expect(items[1]!.state.title).toBe('Wniosek o zaświadczenie o niezaleganiu')
  })

  it('voids a mistaken entry in its place, with the reason, and then refuses changes', async () => {
    const { app, r, register } = await setUp()
    const entry = (await register()).json<Entry>()
    await register()
    const voided = await app.inject({
      method: 'POST',
      url: `/api/v1/incoming/${entry.id}/void`,
      headers: r.bearers.chancellery,
      payload: { reason: 'Registered twice by mistake' },
    })
    expect(voided.json<Entry>()).toMatchObject({
      status: 'voided',
      number: 'RPW/1/2026',
      voidReason: 'Registered twice by mistake',
    })
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/incoming/${entry.id}/void`,
      headers: r.bearers.chancellery,
      payload: { reason: 'again' },
    })
    expect(again.statusCode).toBe(409)
    expect(problemOf(again).code).toBe('ENTRY_STATE')
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/incoming/${entry.id}`,
      headers: r.bearers.chancellery,
      payload: { title: 'x' },
    })
    expect(edit.statusCode).toBe(409)
    // Still in the register, in its place.
    const list = await app.inject({
      url: `/api/v1/offices/${r.lublin}/incoming`,
      headers: r.bearers.chancellery,
    })
    expect(list.json<{ items: Entry[] }>().items.map((e) => [e.number, e.status])).toEqual([
      ['RPW/2/2026', 'registered'],
      ['RPW/1/2026', 'voided'],
    ])
  })

  it("shows a unit's staff their unit's letters only, and lets a head pass letters on within the unit", async () => {
    const { app, r, register } = await setUp()
    const toOr = (await register({ assignee: { unitId: r.units.or } })).json<Entry>()
    const toSo = (await register({ assignee: { unitId: r.units.so } })).json<Entry>()
    const unassigned = (await register()).json<Entry>()
    const get = (id: string, headers: Record<string, string>) =>
      app.inject({ url: `/api/v1/incoming/${id}`, headers })
    expect((await get(toOr.id, r.officerOfOr.headers)).statusCode).toBe(200)
    const denied = await get(toSo.id, r.officerOfOr.headers)
    expect(denied.statusCode).toBe(403)
    expect((await get(unassigned.id, r.officerOfOr.headers)).statusCode).toBe(403)
    // The demo officer's grant is office-wide: every unit.
    expect((await get(toSo.id, r.bearers.officer)).statusCode).toBe(200)
    // A Lviv manager is not Lublin's.
    expect((await get(toOr.id, r.bearers.manager)).statusCode).toBe(403)
    const listOf = async (headers: Record<string, string>) =>
      (await app.inject({ url: `/api/v1/offices/${r.lublin}/incoming`, headers }))
        .json<{ items: Entry[] }>()
        .items.map((e) => e.id)
    expect(await listOf(r.officerOfOr.headers)).toEqual([toOr.id])
    expect(await listOf(r.officerOfSo.headers)).toEqual([toSo.id])
    expect(await listOf(r.bearers.chancellery)).toEqual([unassigned.id, toSo.id, toOr.id])
    const assign = (id: string, body: Record<string, unknown>, headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: `/api/v1/incoming/${id}/assign`, headers, payload: body })
    const toOfficer = await assign(
      toOr.id,
      { unitId: r.units.or, userId: r.officerOfOr.id },
      r.headOfOr.headers,
    )
    expect(toOfficer.statusCode).toBe(200)
    expect((await assign(toOr.id, { unitId: r.units.so }, r.headOfOr.headers)).statusCode).toBe(403)
    expect((await assign(toSo.id, { unitId: r.units.or }, r.headOfOr.headers)).statusCode).toBe(403)
    expect((await assign(toOr.id, { unitId: r.units.or }, r.officerOfOr.headers)).statusCode).toBe(403)
    const mine = await app.inject({
      url: `/api/v1/offices/${r.lublin}/incoming?assignedTo=me`,
      headers: r.officerOfOr.headers,
    })
    expect(mine.json<{ items: Entry[] }>().items.map((e) => e.id)).toEqual([toOr.id])
    // Each refusal is in the audit log.
    const audit = await app.inject({ url: '/api/v1/audit?action=access.denied', headers: r.bearers.admin })
    expect(audit.json<{ items: unknown[] }>().items.length).toBeGreaterThanOrEqual(5)
  })

  it('finds letters by words of the sender and subject, without diacritics', async () => {
    const { app, r, register } = await setUp()
    const lodz = (await register()).json<Entry>()
    await register({
      sender: { kind: 'organisation', name: 'ZUS Oddział w Lublinie' },
      title: 'Zawiadomienie',
    })
    const search = async (q: string) =>
      (
        await app.inject({
          url: `/api/v1/offices/${r.lublin}/incoming?q=${encodeURIComponent(q)}`,
          headers: r.bearers.chancellery,
        })
      )
        .json<{ items: Entry[] }>()
        .items.map((e) => e.id)
    expect(await search('lecka lodz')).toEqual([lodz.id])
    expect(await search('zaświadczenia')).toEqual([lodz.id])
    expect(await search('RPW/1/2026')).toEqual([lodz.id])
    expect(await search('nothing like it')).toEqual([])
  })

  it('pages through a year in order with a cursor', async () => {
    const { app, r, register } = await setUp()
    for (let i = 0; i < 5; i++) await register()
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const res: { json<T>(): T } = await app.inject({
        url: `/api/v1/offices/${r.lublin}/incoming?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        headers: r.bearers.chancellery,
      })
      const body = res.json<{ items: Entry[]; nextCursor: string | null }>()
      seen.push(...body.items.map((e) => e.seq))
      cursor = body.nextCursor
    } while (cursor)
    expect(seen).toEqual([5, 4, 3, 2, 1])
    const lastYear = await app.inject({
      url: `/api/v1/offices/${r.lublin}/incoming?year=2025`,
      headers: r.bearers.chancellery,
    })
    expect(lastYear.json<{ items: Entry[] }>().items).toEqual([])
  })
})
