import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { freshBlobDir, incomingBody, lublinRegistry } from '../support/registry.js'
import { testApp } from '../support/test-app.js'

describeEachDatabase('search over letters and cases', (dialect) => {
  it('finds letters and cases by words in any spelling, each caller only what they may read', async () => {
    const clock = new FixedClock('2026-12-01T10:00:00Z')
    const app = await testApp(dialect, { demo: true, clock, config: { blobDir: freshBlobDir() } })
    const r = await lublinRegistry(app)
    const letter = await app.inject({
      method: 'POST',
      url: `/api/v1/offices/${r.lublin}/incoming`,
      headers: r.bearers.chancellery,
      payload: incomingBody(clock.now(), {
        sender: { kind: 'person', name: 'Олена Коваль' },
        title: 'Заява про видачу довідки',
        assignee: { unitId: r.units.or },
      }),
    })
    const letterId = letter.json<{ id: string }>().id
    await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: r.officerOfOr.headers,
      payload: {
        officeId: r.lublin,
        unitId: r.units.or,
        symbol: '0152',
        title: 'Довідка для Олени Коваль',
        incomingIds: [letterId],
        parties: [{ kind: 'person', name: 'Olena Koval' }],
      },
    })
    const search = async (q: string, headers: Record<string, string>, type = '') =>
      (
        await app.inject({
          url: `/api/v1/search?q=${encodeURIComponent(q)}${type ? `&type=${type}` : ''}`,
          headers,
        })
      )
        .json<{ items: { type: string; reference: string }[] }>()
        .items.map((i) => `${i.type} ${i.reference}`)
    // Cyrillic in the record, Latin in the query, and the other way round.
    expect(await search('koval', r.officerOfOr.headers)).toEqual([
      'incoming RPW/1/2026',
      'case OR.0152.1.2026',
    ])
    expect(await search('Коваль', r.headOfOr.headers, 'case')).toEqual(['case OR.0152.1.2026'])
    // The chancellery reads the registers, not the cases; another unit's officer neither.
    expect(await search('koval', r.bearers.chancellery)).toEqual(['incoming RPW/1/2026'])
    expect(await search('koval', r.officerOfSo.headers)).toEqual([])
    expect(await search('koval', r.bearers.consultant)).toEqual([])
    expect(await search('nothing of the kind', r.bearers.admin)).toEqual([])
  })

  it('searches from the staff page without JavaScript: hits link to the letter and the case, each as the caller may read', async () => {
    const clock = new FixedClock('2026-12-01T10:00:00Z')
    const app = await testApp(dialect, { demo: true, clock, config: { blobDir: freshBlobDir() } })
    const r = await lublinRegistry(app)
    const letter = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/offices/${r.lublin}/incoming`,
        headers: r.bearers.chancellery,
        payload: incomingBody(clock.now(), {
          title: 'Skarga na hałas z budowy',
          assignee: { unitId: r.units.or },
        }),
      })
    ).json<{ id: string; number: string }>()
    const opened = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: r.officerOfOr.headers,
        payload: {
          officeId: r.lublin,
          unitId: r.units.or,
          symbol: '0152',
          title: 'Skarga na hałas',
          incomingIds: [letter.id],
        },
      })
    ).json<{ id: string; sign: string }>()
    const clerk = await signedInSession(app, 'demo-chancellery', 'demo-chancellery-pass')
    const empty = await clerk.get('/staff/search?lang=pl')
    expect(empty.statusCode).toBe(200)
    expect(empty.body).toContain('Szukaj pism i spraw')
    const found = await clerk.get(`/staff/search?q=${encodeURIComponent(letter.number)}&lang=en`)
    expect(found.body).toContain(`href="/staff/registry/incoming/${letter.id}"`)
    // The chancellery keeps the registers; cases are the units' to read.
    expect(found.body).not.toContain(opened.sign)
    const head = await signedInSession(app, 'demo-head', 'demo-head-pass')
    const cases = await head.get('/staff/search?q=halas&type=case&lang=en')
    expect(cases.body).toContain(`href="/staff/cases/${opened.id}"`)
    expect(cases.body).toContain('>registered<')
    const none = await head.get('/staff/search?q=zzzyyyxxx&lang=en')
    expect(none.body).toContain('Nothing found that you may read.')
  })
})
