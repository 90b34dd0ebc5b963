import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, launchChromium } from '../support/browser.js'
import { listeningApp } from '../support/listening-app.js'
import { WAIT_MS } from '../support/patience.js'

describe('front office in Chromium: kiosk, desk console, board', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  async function signedIn(url: string, login: string) {
    const context = await browser.newContext()
    const page = await context.newPage()
    page.setDefaultTimeout(WAIT_MS)
    await page.goto(`${url}/login?lang=en`)
    await page.getByLabel('Login', { exact: true }).fill(login)
    await page.getByLabel('Password').fill(`${login}-pass`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/(staff|offices\/)/)
    return { page, context }
  }

  it('takes a ticket at the kiosk, calls it from the desk console and shows it on the board live', async () => {
    const server = await listeningApp()
    const boardContext = await browser.newContext()
    const board = await boardContext.newPage()
    board.setDefaultTimeout(WAIT_MS)
    await board.goto(`${server.url}/offices/LVIV-CNAP/board?lang=en`)
    expect(await board.title()).toContain('Queue board')
    await expectAccessible(board)

    const kiosk = await signedIn(server.url, 'demo-kiosk-lviv')
    await kiosk.page.goto(`${server.url}/offices/LVIV-CNAP/kiosk?lang=en`)
    await expectAccessible(kiosk.page)
    await kiosk.page.getByRole('link', { name: 'To submit an application' }).click()
    await kiosk.page.getByRole('link', { name: 'Passports' }).click()
    await expectAccessible(kiosk.page)
    await kiosk.page.getByRole('button', { name: 'No, ordinary ticket' }).click()
    expect(await kiosk.page.getByRole('heading', { level: 1 }).textContent()).toBe('A001')
    expect(await kiosk.page.locator('.ticket-qr svg').count()).toBe(1)
    await expectAccessible(kiosk.page)
    await expect
      .poll(() => board.locator('.board-queues tr[data-prefix="A"] .board-waiting').textContent())
      .toBe('1')

    const clerk = await signedIn(server.url, 'demo-consultant')
    await clerk.page.goto(`${server.url}/staff/desk?lang=en`)
    await expectAccessible(clerk.page)
    await clerk.page.getByRole('button', { name: 'Вікно 1' }).click()
    await clerk.page.getByRole('button', { name: 'Call next' }).click()
    expect(await clerk.page.locator('.desk-number').textContent()).toBe('A001')
    expect(await clerk.page.locator('.desk-current').textContent()).toContain('waiting longest')
    await expectAccessible(clerk.page)

    await expect.poll(() => board.locator('.board-called .board-number').first().textContent()).toBe('A001')
    expect(await board.locator('.board-called td').nth(1).textContent()).toBe('Вікно 1')

    // A new ticket shows up in the desk console's waiting list without a reload.
    const takeTicket = async () => {
      await kiosk.page.goto(`${server.url}/offices/LVIV-CNAP/kiosk?lang=en&purpose=submit`)
      await kiosk.page.getByRole('link', { name: 'Passports' }).click()
      await kiosk.page.getByRole('button', { name: 'No, ordinary ticket' }).click()
    }
    await takeTicket()
    await expect.poll(() => clerk.page.locator('#desk-waiting').textContent()).toContain('A002')
    // A001 is still at the desk: calling the next asks first what became of them.
    await clerk.page.getByRole('button', { name: 'Call next' }).click()
    expect(await clerk.page.locator('.desk-number').textContent()).toBe('A001')
    await clerk.page.getByRole('radio', { name: 'Did not come' }).check()
    await clerk.page.getByRole('button', { name: 'Call next' }).click()
    expect(await clerk.page.locator('.desk-number').textContent()).toBe('A002')
    expect(await clerk.page.getByRole('status').textContent()).toBe(
      'A001 marked as did not come. A002 called to Вікно 1.',
    )
    await expectAccessible(clerk.page)
    await clerk.page.getByRole('button', { name: 'Start serving' }).click()
    await clerk.page.getByLabel('Consultation topic (optional)').fill('Passport documents')
    await clerk.page.getByRole('button', { name: 'Finish' }).click()
    expect(await clerk.page.getByRole('status').textContent()).toBe('A002 finished.')
    expect(await clerk.page.locator('.desk-current').textContent()).toContain('Nobody at your desk')

    // With nobody at the desk, a waiting ticket can be called out of turn.
    await takeTicket()
    await expect.poll(() => clerk.page.locator('#desk-waiting').textContent()).toContain('A003')
    await clerk.page.getByRole('button', { name: 'Call A003 now' }).click()
    expect(await clerk.page.locator('.desk-number').textContent()).toBe('A003')
    expect(await clerk.page.locator('.desk-current').textContent()).toContain('you called it out of turn')

    await Promise.all([boardContext.close(), kiosk.context.close(), clerk.context.close()])
    await server.app.close()
  })

  it('shows a resident the ticket’s status page, accessible in three languages, without JavaScript', async () => {
    const server = await listeningApp()
    const kiosk = await signedIn(server.url, 'demo-kiosk-lviv')
    await kiosk.page.goto(`${server.url}/offices/LVIV-CNAP/kiosk?lang=uk`)
    await kiosk.page.locator('.kiosk-choices a').first().click()
    await kiosk.page.locator('.kiosk-choices a').first().click()
    await kiosk.page.locator('.kiosk-choices button').first().click()
    const ticketUrl = new URL(kiosk.page.url())
    const id = ticketUrl.pathname.split('/').pop()
    const phone = await browser.newContext()
    const page = await phone.newPage()
    for (const lang of ['uk', 'pl', 'en']) {
      await page.goto(`${server.url}/tickets/${id}?lang=${lang}`)
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('A001')
      await expectAccessible(page)
    }
    const noScript = await browser.newContext({ javaScriptEnabled: false })
    const plain = await noScript.newPage()
    await plain.goto(`${server.url}/tickets/${id}?lang=en`)
    expect(await plain.getByRole('status').textContent()).toBe('Waiting')
    await Promise.all([phone.close(), noScript.close(), kiosk.context.close()])
    await server.app.close()
  })
  async function bookThrough(page: Page, url: string, lang: string, check: boolean) {
    await page.goto(`${url}/book?lang=${lang}`)
    if (check) await expectAccessible(page)
    await page.locator('.kiosk-choices a').nth(1).click()
    await page.locator('.kiosk-choices a').first().click()
    // Only days with free places are offered, each saying how many; the times come as a grid.
    expect(await page.locator('.day-choices a').count()).toBeGreaterThan(0)
    expect(await page.locator('.day-choices .day-free').first().textContent()).toMatch(/\d/)
    await page.locator('.day-choices a').first().click()
    expect(await page.locator('.slot-choices input[name=start]').count()).toBeGreaterThan(0)
    if (check) await expectAccessible(page)
    await page.locator('input[name=start]').first().check()
    await page.locator('#field-name').fill('Olena Petrenko')
    await page.locator('form[method=post] button[type=submit]').click()
    expect(await page.locator('dd.ticket-number').textContent()).toMatch(/^[A-Z0-9]{6}$/)
    if (check) await expectAccessible(page)
  }

  it('books a visit through accessible pages in three languages, and without JavaScript', async () => {
    const server = await listeningApp()
    for (const [lang, javaScriptEnabled] of [
      ['uk', true],
      ['pl', true],
      ['en', true],
      ['en', false],
    ] as const) {
      const context = await browser.newContext({ javaScriptEnabled })
      const page = await context.newPage()
      page.setDefaultTimeout(WAIT_MS)
      // axe runs as a script: it checks the pages in the runs with JavaScript.
      await bookThrough(page, server.url, lang, javaScriptEnabled)
      await context.close()
    }
    await server.app.close()
  })

  it('finds a booking by its code, and tells an unknown code next to the field, accessibly, without JavaScript', async () => {
    const server = await listeningApp()
    for (const [lang, label, button, message, javaScriptEnabled] of [
      ['uk', 'Код запису', 'Знайти запис', 'Жоден запис не має цього коду.', true],
      ['pl', 'Kod rezerwacji', 'Znajdź rezerwację', 'Żadna rezerwacja nie ma tego kodu.', true],
      ['en', 'Booking code', 'Find the booking', 'No booking has this code.', true],
      ['en', 'Booking code', 'Find the booking', 'No booking has this code.', false],
    ] as const) {
      const context = await browser.newContext({ javaScriptEnabled })
      const page = await context.newPage()
      page.setDefaultTimeout(WAIT_MS)
      await page.goto(`${server.url}/book?lang=${lang}`)
      await page.locator('a[href="/appointments/find"]').click()
      // axe runs as a script: it checks the pages in the runs with JavaScript.
      if (javaScriptEnabled) await expectAccessible(page)
      await page.getByLabel(label).fill('ZZZ-ZZZ')
      await page.getByRole('button', { name: button }).click()
      expect(await page.locator('#field-code-error').textContent()).toContain(message)
      expect(await page.getByRole('alert').textContent()).toContain(message)
      if (javaScriptEnabled) await expectAccessible(page)
      await context.close()
    }
    await server.app.close()
  })

  it('locks a kiosk device to its screens: lands there, no links away, back to the start when idle, prints once', async () => {
    const server = await listeningApp()
    const context = await browser.newContext()
    const page = await context.newPage()
    page.setDefaultTimeout(WAIT_MS)
    // Count prints instead of opening the printer (Chromium --kiosk-printing prints without asking).
    await page.addInitScript(() => {
      const w = window as unknown as { print: () => void; printed: number }
      w.printed = 0
      w.print = () => {
        w.printed += 1
      }
    })
    await page.clock.install()
    await page.goto(`${server.url}/login?lang=en`)
    await page.getByLabel('Login', { exact: true }).fill('demo-kiosk-lviv')
    await page.getByLabel('Password').fill('demo-kiosk-lviv-pass')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/offices\/LVIV-CNAP\/kiosk$/)
    expect(await page.locator('nav.main-nav, footer, a[href="/login"], a[href="/"]').count()).toBe(0)
    await expectAccessible(page)
    // Staff pages send the device back to its kiosk.
    await page.goto(`${server.url}/staff`)
    await page.waitForURL(/\/offices\/LVIV-CNAP\/kiosk$/)

    // Someone walks away halfway: after a minute the start screen is back for the next person.
    await page.getByRole('link', { name: 'To submit an application' }).click()
    await page.waitForURL(/purpose=submit/)
    await page.clock.fastForward(61_000)
    await page.waitForURL(/\/offices\/LVIV-CNAP\/kiosk$/)

    await page.getByRole('link', { name: 'To submit an application' }).click()
    await page.getByRole('link', { name: 'Passports' }).click()
    await page.getByRole('button', { name: 'No, ordinary ticket' }).click()
    await page.waitForURL(/\/kiosk\/tickets\//)
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
    await expect
      .poll(() => page.getByRole('button', { name: 'Print the ticket again' }).isVisible())
      .toBe(true)
    await expectAccessible(page)
    await page.reload()
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(0)
    await page.getByRole('button', { name: 'Print the ticket again' }).click()
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
    await page.clock.fastForward(21_000)
    await page.waitForURL(/\/offices\/LVIV-CNAP\/kiosk$/)
    await Promise.all([context.close(), server.app.close()])
  })
})
