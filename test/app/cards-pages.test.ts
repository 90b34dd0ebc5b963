import { expect, it } from 'vitest'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { bearerFor, testApp } from '../support/test-app.js'

const filled = {
  code: 'DOG-LICENCE',
  'name-uk': 'Реєстрація собаки',
  'name-pl': 'Rejestracja psa',
  'name-en': 'Dog registration',
  'description-uk': 'Облік домашніх тварин.',
  'description-pl': 'Ewidencja zwierząt domowych.',
  'description-en': 'Registering a pet dog.',
  processingTimeAmount: '14',
  processingTimeUnit: 'D',
  'fees-0-amount': '50.00',
  'fees-0-currency': 'PLN',
  'fees-0-description-uk': 'Збір',
  'fees-0-description-pl': 'Opłata',
  'fees-0-description-en': 'Fee',
  'documents-uk': 'Заява\nПаспорт собаки',
  'documents-pl': 'Wniosek\nPaszport psa',
  'documents-en': 'Application\nDog passport',
  'legalBasis-0-title': 'Uchwała Rady Miasta',
  'topic-taxes': 'on',
}

describeEachDatabase('staff catalogue pages', (dialect) => {
  it('lets an editor write a card in three languages, see field errors, save drafts, publish and withdraw it', async () => {
    const app = await testApp(dialect, { demo: true })
    const editor = await signedInSession(app, 'demo-editor', 'demo-editor-pass')
    const blank = await editor.get('/staff/services/new?lang=en')
    expect(blank.statusCode).toBe(200)

    const missing = await editor.post('/staff/services', {
      _csrf: csrfOf(blank.body),
      ...filled,
      'name-pl': '',
      'fees-0-amount': 'abc',
    })
    expect(missing.statusCode).toBe(422)
    expect(missing.body).toContain('<a href="#field-name-pl">Fill in this field.</a>')
    expect(missing.body).toContain(
      '<a href="#field-fees-0-amount">This value is not in the expected form.</a>',
    )
    expect(missing.body).toContain('value="Dog registration"')

    const saved = await editor.post('/staff/services', { _csrf: csrfOf(blank.body), ...filled })
    expect(saved.statusCode).toBe(303)
    const page = await editor.get(saved.headers.location as string)
    expect(page.body).toContain('The draft was saved.')
    expect(page.body).toContain('value="50.00"')
    expect((await app.inject('/services/DOG-LICENCE?lang=en')).statusCode).toBe(404)

    const id = (saved.headers.location as string).split('/')[3]!.split('?')[0]!
    const published = await editor.post(`/staff/services/${id}/publish`, { _csrf: csrfOf(page.body) })
    expect(published.headers.location).toBe(`/staff/services/${id}?done=published`)
    const publicPage = await app.inject('/services/DOG-LICENCE?lang=pl')
    expect(publicPage.body).toContain('<h1>Rejestracja psa</h1>')
    expect(publicPage.body).toContain('Paszport psa')

    const edit = await editor.get(`/staff/services/${id}?lang=en`)
    const second = await editor.post(`/staff/services/${id}`, {
      _csrf: csrfOf(edit.body),
      ...filled,
      version: '1',
      processingTimeAmount: '1',
      processingTimeUnit: 'W',
    })
    expect(second.statusCode).toBe(303)
    const history = await editor.get(`/staff/services/${id}?lang=en`)
    expect(history.body).toMatch(/<td>2<\/td><td>demo-editor<\/td><td>[^<]+<\/td><td>Processing time<\/td>/)
    expect(history.body).toContain('Processing time: 1 week')
    const stale = await editor.post(`/staff/services/${id}`, {
      _csrf: csrfOf(edit.body),
      ...filled,
      version: '1',
    })
    expect(stale.statusCode).toBe(409)
    const preview = await editor.get(`/staff/services/${id}/preview?lang=en`)
    expect(preview.body).toContain('1 week')
    expect((await app.inject('/services/DOG-LICENCE?lang=en')).body).toContain('14 days')

    await editor.post(`/staff/services/${id}/withdraw`, { _csrf: csrfOf(history.body) })
    expect((await app.inject('/services/DOG-LICENCE?lang=en')).statusCode).toBe(404)
  })

  it('shows cards to other staff without the editor, and refuses their writes', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true })
    const officer = await signedInSession(app, 'demo-officer', 'demo-officer-pass')
    const list = await officer.get('/staff/services?lang=en')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('PL-ID-CARD')
    expect(list.body).not.toContain('New card')
    const refused = await officer.post('/staff/services', { _csrf: csrfOf(list.body), ...filled })
    expect(refused.statusCode).toBe(403)
  })
  it('shows what changed between two versions, word by word, on the page and in the API', async () => {
    const app = await testApp(dialect, { demo: true })
    const editor = await signedInSession(app, 'demo-editor', 'demo-editor-pass')
    const blank = await editor.get('/staff/services/new?lang=en')
    const saved = await editor.post('/staff/services', { _csrf: csrfOf(blank.body), ...filled })
    const id = (saved.headers.location as string).split('/')[3]!.split('?')[0]!
    const edit = await editor.get(`/staff/services/${id}?lang=en`)
    const unchanged = await editor.post(`/staff/services/${id}`, {
      _csrf: csrfOf(edit.body),
      ...filled,
      version: '1',
    })
    expect(unchanged.statusCode).toBe(303)
    expect((await editor.get(`/staff/services/${id}?lang=en`)).body).toContain('Published — · latest 1')

    await editor.post(`/staff/services/${id}`, {
      _csrf: csrfOf(edit.body),
      ...filled,
      version: '1',
      'description-pl': 'Ewidencja psów w gminie.',
      'fees-1-amount': '10',
      'fees-1-currency': 'PLN',
      'fees-1-description-uk': 'Жетон',
      'fees-1-description-pl': 'Znaczek',
      'fees-1-description-en': 'Tag',
      'channel-post': 'on',
    })
    const card = await editor.get(`/staff/services/${id}?lang=en`)
    expect(card.body).toContain(`href="/staff/services/${id}/diff?from=1&amp;to=2"`)
    expect(card.body).toContain('name="fees-2-amount"')

    const diff = await editor.get(`/staff/services/${id}/diff?from=1&to=2&lang=en`)
    expect(diff.statusCode).toBe(200)
    expect(diff.body).toContain('<h1>Card DOG-LICENCE: version 1 → 2</h1>')
    expect(diff.body).toContain('Description · in Polish<br><code class="muted">description.pl</code>')
    expect(diff.body).toMatch(/<del title="removed text">zwierząt domowych<\/del>/)
    expect(diff.body).toMatch(/<ins title="added text">psów w gminie<\/ins>/)
    expect(diff.body).toContain('Fee 2 · Amount<br><code class="muted">fees[1].amount</code>')

    const api = await app.inject({
      url: `/api/v1/services/${id}/diff?from=1&to=2`,
      headers: await bearerFor(app, 'demo-editor', 'demo-editor-pass'),
    })
    expect(api.json().changes).toContainEqual({ path: 'fees[1].amount', before: null, after: '1000' })
    expect(api.json().changes).toContainEqual({ path: 'channels[0].type', before: null, after: 'post' })
    const missing = await app.inject({
      url: `/api/v1/services/${id}/diff?from=1&to=9`,
      headers: await bearerFor(app, 'demo-editor', 'demo-editor-pass'),
    })
    expect(missing.statusCode).toBe(404)
    expect((await app.inject(`/api/v1/services/${id}/diff?from=1&to=2`)).statusCode).toBe(401)
  })

  it('filters the staff list by words, status, topic and office', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true })
    const editor = await signedInSession(app, 'demo-editor', 'demo-editor-pass')
    const blank = await editor.get('/staff/services/new?lang=en')
    await editor.post('/staff/services', { _csrf: csrfOf(blank.body), ...filled })
    const drafts = await editor.get('/staff/services?status=draft&lang=en')
    expect(drafts.body).toContain('DOG-LICENCE')
    expect(drafts.body).not.toContain('PL-ID-CARD')
    const published = await editor.get('/staff/services?status=published&q=dowod&lang=en')
    expect(published.body).toContain('PL-ID-CARD')
    expect(published.body).not.toContain('DOG-LICENCE')
    expect(published.body).toContain('<option value="published" selected>')
    const topic = await editor.get('/staff/services?category=transport&status=&lang=en')
    expect(topic.body).not.toContain('PL-ID-CARD')
    expect(topic.body).toMatch(/VEHICLE/)
    const none = await editor.get('/staff/services?q=zzzzzz&lang=en')
    expect(none.body).toContain('No card matches.')
    expect((await editor.get('/staff/services?status=lost')).statusCode).toBe(422)
  })
})
