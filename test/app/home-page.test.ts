import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { testApp } from '../support/test-app.js'

describeEachDatabase('home page', (dialect) => {
  it('lists the service centres with their opening hours in the chosen language', async () => {
    const app = await testApp(dialect, { demo: true })
    const uk = await app.inject('/?lang=uk')
    expect(uk.body).toContain('<html lang="uk">')
    expect(uk.body).toContain('Центр надання адміністративних послуг м. Львова')
    expect(uk.body).toMatch(/пн–вт<\/th><td>09:00–18:00/)
    const en = await app.inject('/?lang=en')
    expect(en.body).toContain('Lviv Administrative Services Centre')
    expect(en.body).toContain('<th scope="row">Sun</th><td>closed</td>')
  })

  it('picks the language from ?lang=, then the cookie it sets, then Accept-Language', async () => {
    const app = await testApp(dialect, { config: { defaultLanguage: 'uk' } })
    const chosen = await app.inject({ url: '/?lang=pl', headers: { 'accept-language': 'en' } })
    expect(chosen.body).toContain('<html lang="pl">')
    const cookie = chosen.cookies.find((c) => c.name === 'lang')
    expect(cookie).toMatchObject({ value: 'pl', path: '/', httpOnly: true, sameSite: 'Lax' })

    const remembered = await app.inject({ url: '/', headers: { cookie: 'lang=pl', 'accept-language': 'en' } })
    expect(remembered.body).toContain('<html lang="pl">')
    expect(remembered.headers['content-language']).toBe('pl')

    const browser = await app.inject({
      url: '/',
      headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8,pl;q=0.5' },
    })
    expect(browser.body).toContain('<html lang="en">')

    const fallback = await app.inject({ url: '/', headers: { 'accept-language': 'fr' } })
    expect(fallback.body).toContain('<html lang="uk">')
  })

  it('links every language version of the same page, keeping the rest of the query', async () => {
    const app = await testApp(dialect)
    const res = await app.inject('/?lang=en&x=1')
    expect(res.body).toContain('href="/?x=1&amp;lang=uk" lang="uk" hreflang="uk"')
    expect(res.body).toContain('href="/?x=1&amp;lang=en" lang="en" hreflang="en" aria-current="true"')
  })

  it('serves its stylesheet locally with long caching', async () => {
    const app = await testApp(dialect)
    const page = await app.inject('/')
    const href = /href="(\/assets\/ratusz\.css\?v=[0-9a-f]+)"/.exec(page.body)?.[1]
    expect(href).toBeDefined()
    const css = await app.inject(href!)
    expect(css.statusCode).toBe(200)
    expect(css.headers['content-type']).toMatch(/^text\/css/)
    expect(css.headers['cache-control']).toContain('immutable')
    expect(page.body).not.toMatch(/https?:\/\/(?!localhost)/)
  })

  it('starts with a search box that leads to the catalogue, and the main ways in as buttons', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true })
    const home = await app.inject('/?lang=pl')
    // Icons stand beside words, hidden from screen readers: the words are what is checked.
    home.body = home.body.replace(/<svg class="icon"[\s\S]*?<\/svg>/g, '')
    expect(home.body).toContain('<form method="get" action="/services" class="search-form home-search">')
    expect(home.body).toContain('<label for="q">Znajdź usługę</label>')
    expect(home.body).toContain('<a class="button secondary" href="/book">Zarezerwuj wizytę</a>')
    const found = await app.inject('/services?q=meldunek&lang=pl')
    expect(found.body).toContain('Zameldowanie na pobyt czasowy')
  })
})
