import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, describeViolations, launchChromium } from '../support/browser.js'
import { listeningApp } from '../support/listening-app.js'
import { files } from '../support/multipart-files.js'
import { WAIT_MS } from '../support/patience.js'
import { loopbackSmtp } from '../support/smtp.js'
import { bearerFor } from '../support/test-app.js'
import { issue, signXml } from '../support/test-ca.js'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

async function accessible(page: Page, what: string) {
  const violations = await axeViolations(page)
  expect(violations, `${what}: ${describeViolations(violations)}`).toEqual([])
}

/** The demo network on a socket with its seals (their CA trusted), mail to a loopback server, the demo ID. */
async function world() {
  const smtp = await loopbackSmtp()
  const server = await listeningApp('sqlite', {
    config: (self) => ({
      publicUrl: self,
      demoOidc: true,
      smtpUrl: smtp.url,
      dataDir: mkdtempSync(join(tmpdir(), 'ratusz-browser-eservices-')),
    }),
  })
  const { app } = server
  await app.services.sealing.initDemo(await app.services.offices.listPublicOffices())
  const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
  const trust = async (der: Buffer) => {
    const form = files({ file: { name: 'ca.crt', content: der } })
    await app.inject({
      method: 'POST',
      url: '/api/v1/trust/anchors',
      payload: form.payload,
      headers: { ...admin, ...form.headers },
    })
  }
  await trust((await app.inject({ url: '/api/v1/seals/demo-ca.crt' })).rawPayload)
  return { ...server, smtp, trust }
}

/** Downloads what a link gives, as the browser saves it. */
async function download(page: Page, name: string | RegExp): Promise<Buffer> {
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name }).first().click(),
  ])
  return readFileSync((await saved.path()) as string)
}

/** Verifies a receipt file on the public page; the page's headline. */
async function verify(page: Page, url: string, lang: string, receipt: Buffer, what: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'ratusz-receipt-')), 'receipt.xml')
  writeFileSync(file, receipt)
  await page.goto(`${url}/receipts/verify?lang=${lang}`)
  await page.locator('#field-file').setInputFiles(file)
  await page.locator('form button[type=submit]').click()
  await accessible(page, `verification of ${what}`)
  return (await page.locator('#result-heading').textContent()) ?? ''
}

describe('e-services in Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  for (const [lang, code, office] of [
    ['pl', 'PL-PUBLIC-INFO', 'Wniosek o udostępnienie informacji publicznej'],
    ['uk', 'UA-RESIDENTS-CERT', 'Довідка про зареєстрованих у житловому приміщенні осіб'],
  ] as const) {
    it(`a resident signs in by e-mail and applies for ${code} in ${lang}, accessible on every page; the receipt verifies, a changed one does not; in Lublin the status changes and a letter arrive`, async () => {
      const { app, url, smtp } = await world()
      const context = await browser.newContext({ acceptDownloads: true })
      const page = await context.newPage()
      page.setDefaultTimeout(WAIT_MS)
      try {
        await page.goto(`${url}/services/${code}?lang=${lang}`)
        await page.locator(`a[href="/services/${code}/apply"]`).click()
        await accessible(page, 'sign-in')
        await page.locator('#field-email').fill('olena@example.org')
        await page.locator('form[action="/my/sign-in-link"] button').click()
        await accessible(page, 'link sent')
        await app.jobs.runDue()
        const link = /https?:\/\/\S+\/my\/sign-in\?token=[\w-]+/.exec(smtp.messages.at(-1)?.text ?? '')![0]
        await page.goto(link)
        await accessible(page, 'start')
        if (code === 'UA-RESIDENTS-CERT') await page.locator('input[name=officeId]').first().check()
        await page.locator('form button[type=submit]').click()
        // The first step, sent empty: the errors are listed and beside their fields.
        await page.locator('form button[type=submit]').click()
        await accessible(page, 'step with errors')
        expect(await page.locator('.error-summary li').count()).toBeGreaterThan(0)
        if (code === 'PL-PUBLIC-INFO') {
          await page.locator('#field-subject').fill('Rejestr umów zawartych przez urząd w 2026 r.')
          await page.locator('input[name=form][value=electronic]').check()
        } else {
          await page.locator('#field-rnokpp').fill('3184710691')
          await page.locator('#field-address').fill('вул. Городоцька, 15, кв. 4, Львів')
          await page.locator('form button[type=submit]').click()
          await accessible(page, 'second step')
          await page.locator('input[name=for][value=subsidy]').check()
          await page.locator('input[name=truth]').check()
        }
        await page.locator('form button[type=submit]').click()
        await accessible(page, 'check your answers')
        await page.locator('form button[type=submit]').last().click()
        await accessible(page, 'sent')
        const sentText = (await page.locator('main').textContent()) ?? ''
        const number = /(RPW\/1\/\d{4}|\d+\/\d{4}|RPW\/\d+\/\d{4})/.exec(sentText)?.[0]
        expect(number, sentText).toBeDefined()
        const receipt = await download(page, /XML|urzędowe|офіційне/i)
        expect(receipt.toString()).toContain(number!)
        // Verified on the public page: valid; one changed byte: not.
        expect(await verify(page, url, lang, receipt, 'the receipt')).toContain(
          lang === 'pl' ? 'Ważne' : 'Дійсна',
        )
        const changed = Buffer.from(receipt.toString().replace(number!, number!.replace(/\d+/, '77')))
        expect(await verify(page, url, lang, changed, 'a changed receipt')).toContain(
          lang === 'pl' ? 'Nieważne' : 'Недійсна',
        )
        // The resident's page lists it.
        await page.goto(`${url}/my?lang=${lang}`)
        await accessible(page, 'my applications')
        expect(await page.locator('main').textContent()).toContain(number!)
        await page.locator(`a:has-text("${number}")`).first().click()
        await accessible(page, 'the application')
        expect(await page.locator('main').textContent()).toContain(office)
        if (code === 'PL-PUBLIC-INFO') {
          // Lublin's office works on it: the status changes and a letter arrive, by e-mail and on the page.
          const mine = await (await page.request.get(`${url}/api/v1/applications`)).json()
          const caseSign = mine.items[0].caseSign as string
          const lublin = mine.items[0].officeId as string
          const head = await bearerFor(app, 'demo-head', 'demo-head-pass')
          const officer = await bearerFor(app, 'demo-officer', 'demo-officer-pass')
          const clerk = await bearerFor(app, 'demo-chancellery', 'demo-chancellery-pass')
          const cases = await app.inject({
            url: `/api/v1/cases?officeId=${lublin}&limit=200`,
            headers: officer,
          })
          const caseId = cases
            .json<{ items: { id: string; sign: string }[] }>()
            .items.find((c) => c.sign === caseSign)!.id
          const officerId = (await app.inject({ url: '/api/v1/me', headers: officer })).json<{ id: string }>()
            .id
          const call = (path: string, headers: Record<string, string>, payload: object) =>
            app.inject({ method: 'POST', url: path, headers, payload })
          expect(
            (await call(`/api/v1/cases/${caseId}/assign`, head, { assigneeId: officerId })).statusCode,
          ).toBe(200)
          expect((await call(`/api/v1/cases/${caseId}/start`, officer, {})).statusCode).toBe(200)
          const letter = await call(`/api/v1/offices/${lublin}/outgoing`, officer, {
            recipient: { kind: 'person', name: 'Olena' },
            title: 'Odpowiedź na wniosek',
            method: 'eservice',
          })
          const letterId = letter.json<{ id: string }>().id
          expect(
            (await call(`/api/v1/cases/${caseId}/letters`, officer, { entryId: letterId })).statusCode,
          ).toBe(200)
          const attached = files({ file: { name: 'odpowiedz.pdf', content: PDF } })
          await app.inject({
            method: 'POST',
            url: `/api/v1/outgoing/${letterId}/files`,
            payload: attached.payload,
            headers: { ...officer, ...attached.headers },
          })
          expect(
            (await call(`/api/v1/outgoing/${letterId}/dispatch`, clerk, { method: 'eservice' })).statusCode,
          ).toBe(200)
          await app.jobs.runDue()
          const subjects = smtp.messages.map((m) => m.subject)
          expect(subjects).toContain(`Wniosek ${number}: w toku`)
          expect(subjects).toContain(`Pismo z urzędu w sprawie wniosku ${number}`)
          await page.reload()
          expect(await page.locator('main').textContent()).toContain('w toku')
          await page.goto(`${url}/my?lang=pl`)
          await accessible(page, 'my page with a letter')
          expect((await download(page, /Odpowiedź na wniosek/)).equals(PDF)).toBe(true)
        }
      } finally {
        await context.close()
        await app.close()
      }
    })
  }

  it('in English, a resident signs in at the demo identity provider and applies for the meldunek with their signature', async () => {
    const { app, url, trust } = await world()
    const jan = await issue({ cn: 'Jan Kowalski', pesel: '44051401359' })
    await trust(jan.der)
    const context = await browser.newContext({ acceptDownloads: true })
    const page = await context.newPage()
    page.setDefaultTimeout(WAIT_MS)
    const dir = mkdtempSync(join(tmpdir(), 'ratusz-meldunek-'))
    try {
      await page.goto(`${url}/services/PL-RESIDENCE/apply?lang=en`)
      await accessible(page, 'sign-in with a provider')
      await page.getByRole('button', { name: 'Sign in with Demo ID (not a real identity)' }).click()
      await page.locator('#id').fill('44051401359')
      await page.locator('#name').fill('Jan Kowalski')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL(`${url}/services/PL-RESIDENCE/apply`)
      await page.locator('form button[type=submit]').click()
      await page.locator('#field-pesel').fill('44051401359')
      await page.locator('form button[type=submit]').click()
      await page.locator('#field-address').fill('ul. Narutowicza 10/4, 20-004 Lublin')
      await page.locator('input[name=kind][value=permanent]').check()
      writeFileSync(join(dir, 'lease.pdf'), PDF)
      await page.locator('#field-title').setInputFiles(join(dir, 'lease.pdf'))
      await page.locator('form button[type=submit]').click()
      await expect.poll(() => page.locator('input[name=truth]').count(), { timeout: WAIT_MS }).toBe(1)
      await page.locator('input[name=truth]').check()
      await page.locator('form button[type=submit]').click()
      await accessible(page, 'check with signature')
      expect(await page.locator('main').textContent()).toContain(
        'I declare the data are true (Criminal Code art. 233)Yes',
      )
      const document = await download(page, 'Download the application document (XML)')
      expect(document.toString()).toContain('<Identifier kind="PESEL">44051401359</Identifier>')
      writeFileSync(join(dir, 'application-signed.xml'), await signXml(document.toString(), jan))
      await page.locator('#field-signedDocument').setInputFiles(join(dir, 'application-signed.xml'))
      // With JavaScript, the file goes by XHR with its progress shown; the answer replaces the page.
      await page.locator('form button[type=submit]').last().click()
      await expect
        .poll(async () => (await page.locator('main').textContent()) ?? '', { timeout: WAIT_MS })
        .toContain('registered as')
      await accessible(page, 'sent')
      const sent = (await page.locator('main').textContent()) ?? ''
      const number = /registered as (RPW\/\d+\/\d{4})/.exec(sent)?.[1]
      expect(number, sent).toBeDefined()
      // The chancellery has it, the case is in the unit's register.
      const clerk = await bearerFor(app, 'demo-chancellery', 'demo-chancellery-pass')
      const lublin = (await app.services.offices.listPublicOffices()).find((o) => o.code === 'LUB-BOM')!.id
      const register = await app.inject({ url: `/api/v1/offices/${lublin}/incoming`, headers: clerk })
      expect(register.json<{ items: { number: string; channel: string }[] }>().items[0]).toMatchObject({
        number,
        channel: 'eservice',
      })
      // And the unit's officers have its case, for the meldunek's class.
      const officer = await bearerFor(app, 'demo-officer', 'demo-officer-pass')
      const cases = await app.inject({ url: `/api/v1/cases?officeId=${lublin}`, headers: officer })
      expect(cases.json<{ items: { sign: string }[] }>().items.map((c) => c.sign)).toContain(
        `SO.531.1.${new Date().getUTCFullYear()}`,
      )
    } finally {
      await context.close()
      await app.close()
    }
  })
})
