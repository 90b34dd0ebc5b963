import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { freshBlobDir } from '../support/registry.js'
import { testApp } from '../support/test-app.js'

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n')

describeEachDatabase('chancellery desk pages', (dialect) => {
  it('registers a letter from the form, lists it in the day’s register, stamps, files and voids it, without JavaScript', async () => {
    const clock = new FixedClock('2026-12-01T09:30:00Z')
    const app = await testApp(dialect, { demo: true, clock, config: { blobDir: freshBlobDir() } })
    const session = await signedInSession(app, 'demo-chancellery', 'demo-chancellery-pass')
    const desk = await session.get('/staff/registry?lang=pl')
    expect(desk.statusCode).toBe(200)
    expect(desk.body).toContain('Zarejestruj przesyłkę wpływającą')
    // Lublin's local time is offered as the time of receipt.
    expect(desk.body).toContain('value="10:30"')
    const office = /action="\/staff\/registry\/([^/]+)\/incoming"/.exec(desk.body)![1]!
    const sent = await session.post(`/staff/registry/${office}/incoming`, {
      _csrf: csrfOf(desk.body),
      receivedOn: '2026-12-01',
      receivedTime: '10:15',
      channel: 'paper',
      'sender-kind': 'person',
      'sender-name': 'Zofia Łęcka',
      'sender-address-city': 'Lublin',
      title: 'Wniosek o zaświadczenie',
      letterDate: '',
      senderReference: '',
      attachments: '1',
      unitId: '',
    })
    expect(sent.statusCode).toBe(303)
    expect(sent.headers.location).toContain('registered=RPW%2F1%2F2026')
    const after = await session.get(String(sent.headers.location))
    expect(after.body).toContain('Zarejestrowano jako RPW/1/2026.')
    expect(after.body).toContain('Zofia Łęcka')
    // The sender is offered next time.
    expect(after.body).toContain('<option value="Zofia Łęcka">')
    // A form without a subject comes back with the error and what was typed.
    const missing = await session.post(`/staff/registry/${office}/incoming`, {
      _csrf: csrfOf(after.body),
      receivedOn: '2026-12-01',
      receivedTime: '10:20',
      channel: 'paper',
      'sender-kind': 'person',
      'sender-name': 'Jan Nowak',
      title: '',
    })
    expect(missing.statusCode).toBe(422)
    expect(missing.body).toContain('value="Jan Nowak"')
    expect(missing.body).toContain('href="#field-title"')
    const entryUrl = /href="(\/staff\/registry\/incoming\/[^"]+)"/.exec(after.body)![1]!
    const entry = await session.get(entryUrl)
    expect(entry.body).toContain('RPW/1/2026')
    const stamp = await session.get(`${entryUrl}/stamp`)
    expect(stamp.body).toContain('2026-12-01')
    // A scan through the page's form: multipart, the CSRF token in the address.
    const action = /action="([^"]+\/files\?_csrf=[^"]+)"/.exec(entry.body)![1]!.replace(/&amp;/g, '&')
    const boundary = 'page-boundary'
    const upload = await app.inject({
      method: 'POST',
      url: action,
      headers: {
        cookie: [...session.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="skan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        PDF,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    })
    expect(upload.statusCode).toBe(303)
    const withFile = await session.get(`${upload.headers.location}&lang=en`)
    expect(withFile.body).toContain('The file was added.')
    const fileUrl = /href="(\/staff\/registry\/incoming\/[^"]+\/files\/[^"]+)"/.exec(withFile.body)![1]!
    expect((await session.get(fileUrl)).rawPayload.equals(PDF)).toBe(true)
    // Without the token the upload is refused.
    const forged = await app.inject({
      method: 'POST',
      url: action.replace(/_csrf=[^&]+/, '_csrf=forged'),
      headers: {
        cookie: [...session.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.from(`--${boundary}--\r\n`),
    })
    expect(forged.statusCode).toBe(403)
    const voided = await session.post(`${entryUrl}/void`, { _csrf: csrfOf(withFile.body), reason: 'Pomyłka' })
    expect(voided.statusCode).toBe(303)
    expect((await session.get(`${entryUrl}?lang=en`)).body).toContain('This entry is void: Pomyłka')
    const pdf = await session.get(`/staff/registry/${office}/register?period=2026-12-01&format=pdf`)
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('keeps the desk to those who keep registers', async () => {
    const app = await testApp(dialect, { demo: true, config: { blobDir: freshBlobDir() } })
    const consultant = await signedInSession(app, 'demo-consultant', 'demo-consultant-pass')
    expect((await consultant.get('/staff/registry')).statusCode).toBe(403)
    const officer = await signedInSession(app, 'demo-officer', 'demo-officer-pass')
    const staff = await officer.get('/staff?lang=en')
    expect(staff.body).not.toContain('href="/staff/registry"')
    expect(staff.body).toContain('href="/staff/cases"')
  })
})
