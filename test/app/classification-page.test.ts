import { expect, it } from 'vitest'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { testApp } from '../support/test-app.js'

describeEachDatabase('classification page', (dialect) => {
  it('previews what a pasted classification changes, then adopts it; a broken line is named', async () => {
    const app = await testApp(dialect, { demo: true })
    const admin = await signedInSession(app, 'demo-admin', 'demo-admin-pass')
    const page = await admin.get('/staff/classification?lang=en')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('2025-01-01')
    const action = /action="(\/staff\/classification\/[^"]+)"/.exec(page.body)![1]!
    const csv = 'symbol;title;category;parent\n0;Zarządzanie;;\n01;Organizacja;;0\n0152;Wnioski;A;01\n'
    const preview = await admin.post(`${action}?lang=en`, {
      _csrf: csrfOf(page.body),
      adoptedOn: '2027-01-01',
      csv,
      intent: 'preview',
    })
    expect(preview.statusCode).toBe(200)
    expect(preview.body).toMatch(/What this file changes: \d+ added, \d+ removed, \d+ changed/)
    expect(preview.body).toContain('Zarządzanie')
    const broken = await admin.post(`${action}?lang=en`, {
      _csrf: csrfOf(page.body),
      adoptedOn: '2027-01-01',
      csv: '0;Z;X;\n',
      intent: 'preview',
    })
    expect(broken.statusCode).toBe(422)
    expect(broken.body).toContain('line 1, column 3')
    const adopted = await admin.post(action, {
      _csrf: csrfOf(page.body),
      adoptedOn: '2027-01-01',
      csv,
      intent: 'adopt',
    })
    expect(adopted.statusCode).toBe(303)
    const after = await admin.get(`${adopted.headers.location}&lang=en`)
    expect(after.body).toContain('The classification was adopted.')
    expect(after.body).toContain('2027-01-01')
    const officer = await signedInSession(app, 'demo-officer', 'demo-officer-pass')
    expect((await officer.get('/staff/classification')).statusCode).toBe(403)
  })
})
