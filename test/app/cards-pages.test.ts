import { expect, it } from 'vitest'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { testApp } from '../support/test-app.js'

const filled = {
  code: 'DOG-LICENCE',
  'name-uk': 'Реєстрація собаки',
  'name-pl': 'Rejestracja psa',
  'name-en': 'Dog registration',
  'description-uk': 'Облік домашніх тварин.',
  'description-pl': 'Ewidencja zwierząt domowych.',
  'description-en': 'Registering a pet dog.',
  processingTime: 'P14D',
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
      processingTime: 'P7D',
    })
    expect(second.statusCode).toBe(303)
    const history = await editor.get(`/staff/services/${id}?lang=en`)
    expect(history.body).toMatch(/<td>2<\/td><td>demo-editor<\/td><td>[^<]+<\/td><td>processingTime<\/td>/)
    const stale = await editor.post(`/staff/services/${id}`, {
      _csrf: csrfOf(edit.body),
      ...filled,
      version: '1',
    })
    expect(stale.statusCode).toBe(409)
    const preview = await editor.get(`/staff/services/${id}/preview?lang=en`)
    expect(preview.body).toContain('7 days')
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
})
