import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { letterPdf } from '../../src/platform/pdf-table.js'
import { expectAccessible, launchChromium, openDemo, signIn } from '../support/browser.js'

const LABELS = {
  en: {
    signIn: 'Sign in',
    login: 'Login',
    password: 'Password',
    register: 'Register',
    subject: 'Subject',
    sender: 'Sender',
  },
  pl: {
    signIn: 'Zaloguj się',
    login: 'Login',
    password: 'Hasło',
    register: 'Zarejestruj',
    subject: 'Dotyczy',
    sender: 'Nadawca',
  },
  uk: {
    signIn: 'Увійти',
    login: 'Логін',
    password: 'Пароль',
    register: 'Зареєструвати',
    subject: 'Короткий зміст',
    sender: 'Відправник (ПІБ або назва)',
  },
} as const

describe('records pages in Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  for (const lang of ['uk', 'pl', 'en'] as const) {
    it(`registers a letter at the chancellery desk from the keyboard, accessible, in ${lang}`, async () => {
      const { server, page, close } = await openDemo(browser)
      await signIn(page, server.url, 'demo-chancellery')
      await page.goto(`${server.url}/staff/registry?lang=${lang}`)
      await expectAccessible(page)
      const l = LABELS[lang]
      await page.getByLabel(l.sender, { exact: true }).fill('Anna Kowalska')
      await page.getByLabel(l.subject, { exact: true }).fill('Wniosek o zaświadczenie')
      await page.getByLabel(l.subject, { exact: true }).press('Enter')
      await page.waitForURL(/registered=/)
      expect(await page.getByRole('status').textContent()).toMatch(/RPW\/\d+\/\d{4}/)
      await expectAccessible(page)
      // An empty subject: the error is named, linked, and the page stays accessible.
      await page.getByRole('button', { name: l.register }).click()
      await expect.poll(() => page.getByRole('alert').count()).toBe(1)
      await expectAccessible(page)
      await page.goto(`${server.url}/staff/registry?lang=${lang}`)
      await page.locator('table a').first().click()
      await expectAccessible(page)
      // The search page, with what it found.
      await page.goto(`${server.url}/staff/search?q=kowalska&lang=${lang}`)
      expect(await page.locator('table a').count()).toBeGreaterThan(0)
      await expectAccessible(page)
      await close()
    })

    it(`shows a case officer's in-tray and a case with its next steps, accessible, in ${lang}`, async () => {
      const { server, page, close } = await openDemo(browser)
      await signIn(page, server.url, 'demo-officer')
      await page.goto(`${server.url}/staff/cases?lang=${lang}`)
      await expectAccessible(page)
      // The records demo gives the demo officer cases in several states.
      await page.locator('table a').first().click()
      await expect.poll(() => page.locator('h1').textContent()).toMatch(/\.\d+\.\d{4}/)
      await expectAccessible(page)
      // The case file: a document's details and versions unfold, the add form is there.
      expect(await page.locator('details.document').count()).toBeGreaterThan(0)
      await page.locator('details.document summary').first().click()
      await expect.poll(() => page.locator('details.document[open]').count()).toBe(1)
      await expectAccessible(page)
      await page.goto(`${server.url}/staff/cases?view=unit&lang=${lang}`)
      await expectAccessible(page)
      await close()
    })
  }

  it('registers a letter and files it without JavaScript', async () => {
    const { server, page, close } = await openDemo(browser, false)
    await signIn(page, server.url, 'demo-chancellery')
    await page.goto(`${server.url}/staff/registry?lang=en`)
    await page.getByLabel('Sender', { exact: true }).fill('Jan Nowak')
    await page.getByLabel('Subject', { exact: true }).fill('Skarga na hałas')
    await page.getByRole('button', { name: 'Register', exact: true }).click()
    await page.waitForURL(/registered=/)
    const number = (await page.getByRole('status').textContent())?.match(/RPW\/\d+\/\d{4}/)?.[0]
    expect(number).toBeDefined()
    await page.getByRole('link', { name: `Open ${number}` }).click()
    await page.getByLabel('Scan or attachment').setInputFiles({
      name: 'skan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    })
    await page.getByRole('button', { name: 'Add the file' }).click()
    expect(await page.getByRole('status').textContent()).toBe('The file was added.')
    expect(await page.getByRole('link', { name: 'skan.pdf' }).count()).toBe(1)
    await close()
  })

  it("gives a head the letters to hand out and the case register's form, accessible in three languages", async () => {
    const { server, page, close } = await openDemo(browser)
    await signIn(page, server.url, 'demo-head')
    for (const lang of ['uk', 'pl', 'en']) {
      await page.goto(`${server.url}/staff/cases?view=letters&lang=${lang}`)
      // The records demo leaves a third of its letters with a unit and nobody yet.
      expect(await page.locator('table select').count()).toBeGreaterThan(0)
      await expectAccessible(page)
      await page.goto(`${server.url}/staff/cases?view=register&lang=${lang}`)
      await expectAccessible(page)
    }
    await close()
  })

  it('adds a document with its PDF to a case file and previews it, without JavaScript', async () => {
    const { server, page, close } = await openDemo(browser, false)
    await signIn(page, server.url, 'demo-officer')
    await page.goto(`${server.url}/staff/cases?lang=en`)
    await page.locator('table a').first().click()
    const title = 'Notatka z rozmowy telefonicznej'
    await page.locator('summary', { hasText: 'Add a document' }).click()
    await page.getByLabel('Title', { exact: true }).fill(title)
    await page.getByLabel('Kind of document').selectOption('note')
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'notatka.pdf',
      mimeType: 'application/pdf',
      buffer: await letterPdf({ title, paragraphs: ['Rozmowa z wnioskodawcą.'], lang: 'pl' }),
    })
    await page.locator('button[type=submit]', { hasText: 'Add a document' }).click()
    expect(await page.getByRole('status').textContent()).toBe('The document was added to the case file.')
    const preview = page.getByRole('link', { name: `Preview ${title}` })
    const href = await preview.getAttribute('href')
    const res = await page.request.get(`${server.url}${href}`)
    expect(res.headers()['content-type']).toBe('application/pdf')
    expect(res.headers()['content-disposition']).toMatch(/^inline/)
    await close()
  })

  it('shows an accessible classification page with a preview of what a new version changes', async () => {
    const { server, page, close } = await openDemo(browser)
    await signIn(page, server.url, 'demo-admin')
    await page.goto(`${server.url}/staff/classification?lang=en`)
    await expectAccessible(page)
    await page
      .getByLabel('The classification as CSV')
      .fill('0;Zarządzanie;;\n01;Organizacja;;0\n0152;Wnioski;A;01\n')
    await page.getByRole('button', { name: 'Show what changes' }).click()
    await expect.poll(() => page.getByRole('heading', { name: /What this file changes/ }).count()).toBe(1)
    await expectAccessible(page)
    await close()
  })

  it("shows a head's deadlines as a list and by day, a case's due date explained, the centres to a coordinator and an officer's reminders, accessible in three languages", async () => {
    const { server, page, close } = await openDemo(browser)
    await signIn(page, server.url, 'demo-head')
    for (const lang of ['uk', 'pl', 'en'] as const) {
      await page.goto(`${server.url}/staff/deadlines?lang=${lang}`)
      // The records demo's cases run from their letters' receipt: some are late by now.
      expect(await page.locator('table a').count()).toBeGreaterThan(0)
      await expectAccessible(page)
      await page.goto(`${server.url}/staff/deadlines?lang=${lang}&view=days`)
      await expectAccessible(page)
      await page.locator('table a').first().click()
      await expect.poll(() => page.locator('h1').textContent()).toMatch(/\.\d+\.\d{4}/)
      await page.locator('.case-due details summary').click()
      expect(await page.locator('.case-due ol.due-steps li').count()).toBeGreaterThan(2)
      await expectAccessible(page)
    }
    await page.context().clearCookies()
    await signIn(page, server.url, 'demo-coordinator')
    await page.goto(`${server.url}/staff/deadlines?lang=en`)
    await expect.poll(() => page.getByRole('heading', { name: 'Centres' }).count()).toBe(1)
    await expectAccessible(page)
    // The morning's reminders reach the demo officer's notifications page.
    const lublin = (await server.app.services.offices.listPublicOffices()).find((o) => o.code === 'LUB-BOM')!
    expect((await server.app.services.reminders.remind(lublin.id)).added).toBeGreaterThan(0)
    await page.context().clearCookies()
    await signIn(page, server.url, 'demo-officer')
    for (const lang of ['uk', 'pl', 'en'] as const) {
      await page.goto(`${server.url}/staff/notifications?lang=${lang}`)
      expect(await page.locator('article').count()).toBeGreaterThan(0)
      await expectAccessible(page)
    }
    await page.getByRole('button', { name: 'Mark as read' }).first().click()
    await expect.poll(() => page.locator('.notice, [role=status]').first().textContent()).toBeTruthy()
    await expectAccessible(page)
    await close()
  })
})
