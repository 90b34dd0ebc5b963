import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoBearers } from '../support/factories.js'
import { problemOf, testApp } from '../support/test-app.js'

const card = (code: string, url: string) => ({
  code,
  name: { uk: 'Довідка', pl: 'Zaświadczenie', en: 'Certificate' },
  description: { uk: 'Опис', pl: 'Opis', en: 'Description' },
  channels: [{ type: 'online', url }],
  legalBasis: [{ title: 'Закон', url }],
})

// A service card's links end up as <a href> on public pages (issue 10).
describeEachDatabase('links on service cards', (dialect) => {
  it('accepts only http and https addresses for channels, legal acts and e-forms', async () => {
    const app = await testApp(dialect, { demo: true })
    const { editor } = await demoBearers(app)
    for (const url of [
      'javascript:alert(document.cookie)',
      'data:text/html,<script>x</script>',
      'JaVaScRiPt:x',
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/services',
        headers: editor,
        payload: card('HOSTILE-LINK', url),
      })
      expect(res.statusCode, url).toBe(422)
      expect(problemOf(res).errors?.map((e) => e.path)).toEqual(
        expect.arrayContaining(['body.channels[0].url', 'body.legalBasis[0].url']),
      )
    }
    const eForm = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: editor,
      payload: { ...card('HOSTILE-FORM', 'https://example.org/a'), eFormUrl: 'javascript:void(0)' },
    })
    expect(problemOf(eForm).errors?.[0]?.path).toBe('body.eFormUrl')
    const fine = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: editor,
      payload: card('FINE-LINK', 'https://zakon.rada.gov.ua/laws/show/5203-17'),
    })
    expect(fine.statusCode, fine.body).toBe(201)
  })

  it('never renders a javascript: link that was stored before the rule, publicly or in the preview', async () => {
    const app = await testApp(dialect, { demo: true })
    const { editor } = await demoBearers(app)
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: editor,
      payload: card('OLD-LINK', 'https://example.org/apply'),
    })
    expect(created.statusCode).toBe(201)
    const id = created.json<{ id: string }>().id
    // As an older version of Ratusz may have stored it.
    const stored = JSON.stringify(card('OLD-LINK', 'java\tscript:alert(1)'))
    await sql`update service_versions set card = ${stored} where service_id = ${id}`.execute(app.database.db)
    const published = await app.inject({
      method: 'POST',
      url: `/api/v1/services/${id}/publish`,
      headers: editor,
    })
    expect(published.statusCode, published.body).toBe(200)

    const page = await app.inject({ url: '/services/OLD-LINK?lang=en' })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Закон')
    expect(page.body).not.toMatch(/href="java/i)
    const staff = await signedInSession(app, 'demo-editor', 'demo-editor-pass')
    const preview = await staff.get(`/staff/services/${id}/preview?lang=uk`)
    expect(preview.statusCode).toBe(200)
    expect(preview.body).not.toMatch(/href="java/i)
  })
})
