import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { bearerFor, testApp } from '../support/test-app.js'

describeEachDatabase('public service pages', (dialect) => {
  it('lists the demo catalogue and finds cards by forgiving search, marking the words found', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true })
    const all = await app.inject('/services?lang=en')
    expect(all.statusCode).toBe(200)
    expect(all.body.match(/<li><h3><a href="\/services\//g)?.length).toBe(30)
    expect(all.body).toContain('More results')
    const found = await app.inject(`/services?lang=pl&q=${encodeURIComponent('dowod')}`)
    expect(found.body).toContain('<a href="/services/PL-ID-CARD"><mark>Dowód</mark> osobisty — wydanie</a>')
    const cyrillic = await app.inject(`/services?lang=uk&q=${encodeURIComponent('pasport')}`)
    expect(cyrillic.body).toContain('href="/services/UA-PASSPORT"')
    const topic = await app.inject('/services?lang=en&category=moving-house')
    expect(topic.body).toContain('Registration of permanent residence')
    expect(topic.body).not.toContain('Building permit')
    const nothing = await app.inject('/services?lang=en&q=zzzzqqq')
    expect(nothing.body).toContain('No service matches.')
  })

  it('shows a card with its fees, time, documents, legal basis and the offices with their hours', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true })
    const uk = await app.inject('/services/UA-PASSPORT?lang=uk')
    expect(uk.statusCode).toBe(200)
    expect(uk.body).toContain('<h1>Оформлення паспорта громадянина України (ID-картки)</h1>')
    expect(uk.body).toContain('20 днів')
    expect(uk.body).toMatch(/279,00\s?(грн|₴|UAH)/)
    expect(uk.body).toContain('Центр надання адміністративних послуг м. Львова')
    expect(uk.body).toContain('Закон України «Про Єдиний державний демографічний реєстр» (5492-VI, ст. 21)')
    expect(uk.body).toContain('<h2>Пов’язані послуги</h2>')
    expect(uk.body).toContain('<a href="/services/UA-TRAVEL-PASSPORT">')
    const pl = await app.inject('/services/PL-BIRTH-COPY?lang=pl')
    expect(pl.body).toContain('7 dni')
    expect(pl.body).toMatch(/22,00\s?zł/)
    expect(pl.body).toContain('Biuro Obsługi Mieszkańców w Lublinie')
    expect(pl.body).toMatch(/Ostatnia zmiana: \d+ \S+ \d{4}/)
    expect((await app.inject('/services/NO-SUCH-CARD?lang=en')).statusCode).toBe(404)
  })

  it('answers 304 to a browser that holds the current page, and sends the page again in another language', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true })
    const first = await app.inject('/services/PL-BIRTH-COPY?lang=pl')
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^"[\w-]{22}"$/)
    const again = await app.inject({
      url: '/services/PL-BIRTH-COPY?lang=pl',
      headers: { 'if-none-match': etag },
    })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    expect(again.headers['content-security-policy']).toContain("default-src 'self'")
    const english = await app.inject({
      url: '/services/PL-BIRTH-COPY?lang=en',
      headers: { 'if-none-match': etag },
    })
    expect(english.statusCode).toBe(200)
    expect(english.headers.etag).not.toBe(etag)
  })

  it('keeps showing the published version until a new one is published, then shows it at once', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true })
    const editor = await bearerFor(app, 'demo-editor', 'demo-editor-pass')
    const list = (
      await app.inject({ url: '/api/v1/services?q=PL-BIRTH-COPY&drafts=true', headers: editor })
    ).json<{ items: { id: string }[] }>()
    const id = list.items[0]!.id
    const card = (await app.inject({ url: `/api/v1/services/${id}`, headers: editor })).json<
      Record<string, unknown>
    >()
    const {
      id: _id,
      status,
      version,
      latestVersion,
      publishedVersion,
      publishedAt,
      updatedAt,
      ...body
    } = card
    const renamed = {
      ...body,
      name: { uk: 'Витяг', pl: 'Odpis aktu urodzenia (nowy)', en: 'Birth certificate copy' },
    }
    expect(
      (await app.inject({ method: 'PUT', url: `/api/v1/services/${id}`, headers: editor, payload: renamed }))
        .statusCode,
    ).toBe(200)
    expect((await app.inject('/services/PL-BIRTH-COPY?lang=pl')).body).toContain(
      '<h1>Odpis aktu urodzenia</h1>',
    )
    await app.inject({ method: 'POST', url: `/api/v1/services/${id}/publish`, headers: editor })
    expect((await app.inject('/services/PL-BIRTH-COPY?lang=pl')).body).toContain(
      '<h1>Odpis aktu urodzenia (nowy)</h1>',
    )
  })
  it('links a card to booking and the live queue at each office whose queue serves it', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true, demoQueues: true })
    const page = await app.inject('/services/UA-PASSPORT?lang=en')
    // Icons stand beside words, hidden from screen readers: the words are what is checked.
    page.body = page.body.replace(/<svg class="icon"[\s\S]*?<\/svg>/g, '')
    expect(page.body).toMatch(
      /<a class="button" href="\/offices\/LVIV-CNAP\/book\?queue=[0-9a-f-]{36}">Book a visit here<\/a>/,
    )
    expect(page.body).toContain(
      '<a class="button secondary" href="/offices/LVIV-CNAP/board">See the queue now</a>',
    )
    // The next steps come first, as buttons: several centres book it, so the button leads to them.
    const next = page.body.slice(
      page.body.indexOf('class="next-actions'),
      page.body.indexOf('</div>', page.body.indexOf('class="next-actions')),
    )
    expect(next).toContain('<a class="button" href="#where">Book a visit</a>')
    expect(next).toContain(
      '<a class="button secondary" href="#where" aria-describedby="ticket-hint">Come without booking</a>',
    )
    const lublin = (await app.inject('/services/PL-PUBLIC-INFO?lang=en')).body.replace(
      /<svg class="icon"[\s\S]*?<\/svg>/g,
      '',
    )
    const lublinNext = lublin.slice(lublin.indexOf('class="next-actions'), lublin.indexOf('id="where"'))
    expect(lublinNext).not.toContain('Book a visit')
    expect(lublinNext).toContain('Come without booking')
  })
})
