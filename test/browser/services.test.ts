import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, describeViolations, launchChromium } from '../support/browser.js'
import { listeningApp } from '../support/listening-app.js'
import { WAIT_MS } from '../support/patience.js'

describe('public service pages in Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  for (const lang of ['uk', 'pl', 'en']) {
    it(`has accessible catalogue, search results and card pages in ${lang}`, async () => {
      const server = await listeningApp()
      const context = await browser.newContext()
      const page = await context.newPage()
      for (const path of [
        '/services',
        '/services?q=pasport',
        '/services/UA-PASSPORT',
        '/services/PL-BUILDING-PERMIT',
      ]) {
        await page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`)
        const violations = await axeViolations(page)
        expect(violations, `${path}: ${describeViolations(violations)}`).toEqual([])
      }
      await Promise.all([context.close(), server.app.close()])
    })
  }

  it('searches and opens a card without JavaScript', async () => {
    const server = await listeningApp()
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    page.setDefaultTimeout(WAIT_MS)
    await page.goto(`${server.url}/services?lang=en`)
    await page.getByLabel('Search services').fill('zameldowanie')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByRole('link', { name: 'Registration of permanent residence' }).click()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Registration of permanent residence',
    )
    await Promise.all([context.close(), server.app.close()])
  })
})
