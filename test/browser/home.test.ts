import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, describeViolations, launchChromium } from '../support/browser.js'
import { listeningApp } from '../support/listening-app.js'
import { WAIT_MS } from '../support/patience.js'
import { issue, signCms } from '../support/test-ca.js'

describe('home page in Chromium', () => {
  let browser: Browser
  let server: Awaited<ReturnType<typeof listeningApp>>

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  // A new app per test: freshDatabase registers its cleanup on the running test.
  const open = async (javaScriptEnabled = true) => {
    server = await listeningApp()
    const context = await browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    const cspErrors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') cspErrors.push(m.text())
    })
    return { page, context, cspErrors, close: async () => Promise.all([context.close(), server.app.close()]) }
  }

  for (const lang of ['uk', 'pl', 'en']) {
    it(`has no WCAG 2.1 A/AA violations in ${lang}`, async () => {
      const { page, close, cspErrors } = await open()
      await page.goto(`${server.url}/?lang=${lang}`)
      expect(await page.getAttribute('html', 'lang')).toBe(lang)
      const violations = await axeViolations(page)
      expect(violations, describeViolations(violations)).toEqual([])
      expect(cspErrors).toEqual([])
      await close()
    })
  }

  it('explains error codes on accessible pages in three languages, reached from the list without JavaScript', async () => {
    const { page, close, cspErrors } = await open(false)
    for (const lang of ['uk', 'pl', 'en']) {
      await page.goto(`${server.url}/errors?lang=${lang}`)
      expect(await page.getAttribute('html', 'lang')).toBe(lang)
      await page.locator('a[href="/errors/version-mismatch"]').click()
      expect(page.url()).toBe(`${server.url}/errors/version-mismatch`)
      expect(await page.locator('dl.facts').textContent()).toContain('412')
    }
    await close()
    // axe runs in the page: with JavaScript, on the list and on one code's page in each language.
    const checked = await open()
    for (const lang of ['uk', 'pl', 'en'])
      for (const path of ['/errors', '/errors/version-mismatch']) {
        await checked.page.goto(`${server.url}${path}?lang=${lang}`)
        const violations = await axeViolations(checked.page)
        expect(violations, `${path} ${lang}: ${describeViolations(violations)}`).toEqual([])
      }
    expect([...cspErrors, ...checked.cspErrors]).toEqual([])
    await checked.close()
  })

  it('counts a statutory term on an accessible page in three languages, also without JavaScript', async () => {
    for (const [lang, button, javaScriptEnabled] of [
      ['uk', 'Порахувати', true],
      ['pl', 'Policz', true],
      ['en', 'Count', true],
      ['en', 'Count', false],
    ] as const) {
      const { page, close } = await open(javaScriptEnabled)
      await page.goto(`${server.url}/?lang=${lang}`)
      await page.locator('footer a[href="/deadlines"]').click()
      await page.locator('#field-from').fill('2025-12-10')
      await page.locator('#field-calendar').selectOption('PL')
      await page.getByRole('button', { name: button }).click()
      expect(await page.locator('ol.due-steps li').count()).toBe(8)
      if (javaScriptEnabled) {
        const violations = await axeViolations(page)
        expect(violations, describeViolations(violations)).toEqual([])
      }
      await close()
    }
  })

  it('takes a request for public information and shows where it stands, accessible in three languages, also without JavaScript', async () => {
    for (const [lang, send, email, javaScriptEnabled] of [
      ['uk', 'Надіслати запит', 'Адреса електронної пошти', true],
      ['pl', 'Wyślij wniosek', 'Adres e-mail', true],
      ['en', 'Send the request', 'E-mail address', true],
      ['en', 'Send the request', 'E-mail address', false],
    ] as const) {
      const { page, close } = await open(javaScriptEnabled)
      await page.goto(`${server.url}/?lang=${lang}`)
      await page.locator('footer a[href="/information-request"]').click()
      await page.locator('#field-request').fill('Proszę o rejestr umów zawartych w 2026 roku.')
      // An answer by e-mail without the address: the error, named and linked, then fixed.
      await page.getByRole('button', { name: send }).click()
      expect(await page.locator('.error-summary a[href="#field-email"]').count()).toBe(1)
      if (javaScriptEnabled) {
        const violations = await axeViolations(page)
        expect(violations, describeViolations(violations)).toEqual([])
      }
      await page.getByLabel(email).fill('jan@example.org')
      await page.getByRole('button', { name: send }).click()
      await page.waitForURL(/\/information-request\/[0-9A-Z]{5}-[0-9A-Z]{5}/)
      expect(await page.locator('ol.due-steps li').count()).toBeGreaterThan(2)
      if (javaScriptEnabled) {
        const violations = await axeViolations(page)
        expect(violations, describeViolations(violations)).toEqual([])
      }
      await close()
    }
  })

  it('checks a signed file and explains the outcome, accessible in three languages, also without JavaScript', async () => {
    const data = Buffer.from('Umowa najmu lokalu')
    const signer = await issue({ cn: 'Anna Nowak', pesel: '44051401359' })
    const p7s = await signCms(data, signer, { detached: true })
    for (const [lang, check, javaScriptEnabled] of [
      ['uk', 'Перевірити', true],
      ['pl', 'Sprawdź', true],
      ['en', 'Check', true],
      ['en', 'Check', false],
    ] as const) {
      const { page, close } = await open(javaScriptEnabled)
      await page.goto(`${server.url}/?lang=${lang}`)
      await page.locator('footer a[href="/verify"]').click()
      if (javaScriptEnabled) {
        const violations = await axeViolations(page)
        expect(violations, describeViolations(violations)).toEqual([])
      }
      await page
        .locator('#field-file')
        .setInputFiles({ name: 'umowa.p7s', mimeType: 'application/pkcs7-signature', buffer: p7s })
      await page
        .locator('#field-data')
        .setInputFiles({ name: 'umowa.txt', mimeType: 'text/plain', buffer: data })
      await page.getByRole('button', { name: check, exact: true }).click()
      await expect.poll(() => page.locator('.signature-report').count()).toBe(1)
      expect(await page.locator('.signature-report h2').textContent()).toContain('NO_CERTIFICATE_CHAIN_FOUND')
      if (javaScriptEnabled) {
        const violations = await axeViolations(page)
        expect(violations, describeViolations(violations)).toEqual([])
      }
      await close()
    }
  })

  it('switches language with the switcher and remembers the choice', async () => {
    const { page, close } = await open()
    await page.goto(`${server.url}/?lang=en`)
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Polski' }).click()
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('pl')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Witamy w e-urzędzie')
    await page.goto(`${server.url}/`)
    expect(await page.getAttribute('html', 'lang')).toBe('pl')
    await page.getByRole('navigation', { name: 'Język' }).getByRole('link', { name: 'Українська' }).click()
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('uk')
    await close()
  })

  it('works without JavaScript', async () => {
    const { page, close } = await open(false)
    await page.goto(`${server.url}/?lang=uk`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Ласкаво просимо до електронного офісу',
    )
    await page.getByRole('link', { name: 'English' }).click()
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en')
    expect(await page.locator('.card').count()).toBe(4)
    await close()
  })

  it('offers a visible skip link as the first Tab stop that moves focus to the content', async () => {
    const { page, close } = await open()
    await page.goto(`${server.url}/?lang=en`)
    await page.keyboard.press('Tab')
    const focused = page.locator(':focus')
    expect(await focused.textContent()).toBe('Skip to main content')
    const box = await focused.boundingBox()
    expect(box && box.y >= 0).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main')
    await close()
  })

  it('shows an accessible 404 page', async () => {
    const { page, close } = await open()
    const res = await page.goto(`${server.url}/nowhere?lang=en`)
    expect(res?.status()).toBe(404)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found')
    const violations = await axeViolations(page)
    expect(violations, describeViolations(violations)).toEqual([])
    await close()
  })

  it('keeps the page usable on a phone-sized screen without horizontal scrolling', async () => {
    const { page, close } = await open()
    await page.setViewportSize({ width: 360, height: 740 })
    await page.goto(`${server.url}/?lang=uk`)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await close()
  })

  it('renders the API documentation page under the strict CSP', async () => {
    const { page, close, cspErrors } = await open()
    await page.goto(`${server.url}/api/docs/`)
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: WAIT_MS })
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('Ratusz API')
    expect(cspErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([])
    await close()
  })
})
