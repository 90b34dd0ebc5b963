import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, launchChromium } from '../support/browser.js'
import { demoOffices } from '../support/factories.js'
import { listeningApp } from '../support/listening-app.js'
import { WAIT_MS } from '../support/patience.js'
import { bearerFor } from '../support/test-app.js'

type Server = Awaited<ReturnType<typeof listeningApp>>

/** Speech and sound as the board uses them, recorded instead of played. */
function recordSpeech(page: Page) {
  return page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { said: string[][] }
    w.said = []
    w.AudioContext = undefined
    w.SpeechSynthesisUtterance = function (this: Record<string, unknown>, text: string) {
      this.text = text
    }
    Object.defineProperty(window, 'speechSynthesis', {
      value: {
        speak(u: { text: string; lang: string; onend?: () => void }) {
          w.said.push([u.lang, u.text])
          setTimeout(() => u.onend?.(), 0)
        },
      },
    })
  })
}

/** Takes a ticket in queue A of the Lviv centre and calls it to a desk, through the API. */
async function callOne(server: Server) {
  const app = server.app as never
  const offices = await demoOffices(app)
  const lviv = offices['LVIV-CNAP']!.id
  const kiosk = await bearerFor(app, 'demo-kiosk-lviv', 'demo-kiosk-lviv-pass')
  const clerk = await bearerFor(app, 'demo-consultant', 'demo-consultant-pass')
  const inject = server.app.inject.bind(server.app)
  const queues = (await inject({ url: `/api/v1/offices/${lviv}/queues` })).json<{ items: { id: string }[] }>()
  const issued = await inject({
    method: 'POST',
    url: `/api/v1/offices/${lviv}/tickets`,
    headers: kiosk,
    payload: { queueId: queues.items[0]!.id },
  })
  expect(issued.statusCode, issued.body).toBe(201)
  const desks = (await inject({ url: `/api/v1/offices/${lviv}/desks`, headers: clerk })).json<{
    items: { id: string; name: string }[]
  }>().items
  await inject({ method: 'POST', url: `/api/v1/desks/${desks[0]!.id}/open`, headers: clerk })
  const called = await inject({
    method: 'POST',
    url: `/api/v1/desks/${desks[0]!.id}/call-next`,
    headers: clerk,
  })
  expect(called.statusCode, called.body).toBe(200)
  return { number: called.json<{ number: string }>().number, desk: desks[0]!.name }
}

describe('the hall board in Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  for (const [width, height] of [
    [1920, 1080],
    [1080, 1920],
  ] as const) {
    it(`fills a ${width}×${height} screen with the calls, the queues and the clock, accessibly`, async () => {
      const server = await listeningApp()
      const context = await browser.newContext({ viewport: { width, height } })
      const page = await context.newPage()
      page.setDefaultTimeout(WAIT_MS)
      await page.goto(`${server.url}/offices/LVIV-CNAP/board?lang=en&sound=off`)
      expect(await page.locator('header.site-header, nav, footer').count()).toBe(0)
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Lviv Administrative Services Centre',
      )
      expect(await page.locator('.board-clock time').textContent()).toMatch(/^\d{1,2}:\d{2}/)
      expect(await page.locator('.board-sound').count()).toBe(0)
      const call = await callOne(server)
      await expect.poll(() => page.locator('.board-newest .board-number').textContent()).toBe(call.number)
      expect(await page.locator('.board-newest .board-desk').textContent()).toBe(call.desk)
      // The newest call is large enough to read across the hall: at least 8% of the shorter side.
      const size = await page.evaluate(() => {
        const cell = document.querySelector('.board-newest .board-number')
        return cell ? Number.parseFloat(getComputedStyle(cell).fontSize) : 0
      })
      expect(size).toBeGreaterThanOrEqual(0.08 * Math.min(width, height) - 1)
      // Landscape: calls beside queues; portrait: above them.
      const [calls, queues] = await Promise.all(
        ['.board-panel:nth-child(1)', '.board-panel:nth-child(2)'].map((s) => page.locator(s).boundingBox()),
      )
      if (width > height) expect(queues!.x).toBeGreaterThan(calls!.x + calls!.width - 1)
      else expect(queues!.y).toBeGreaterThan(calls!.y + calls!.height - 1)
      await expectAccessible(page)
      await Promise.all([context.close(), server.app.close()])
    })
  }

  it('chimes and announces each call in the office’s language and a second one, alternating its words', async () => {
    const server = await listeningApp()
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
    const page = await context.newPage()
    page.setDefaultTimeout(WAIT_MS)
    await recordSpeech(page)
    await page.clock.install()
    await page.goto(`${server.url}/offices/LVIV-CNAP/board?also=en`)
    // The board speaks its office's language (Lviv: Ukrainian) first.
    expect(await page.locator('#called-title').textContent()).toBe('Зараз викликано')
    const call = await callOne(server)
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { said: string[][] }).said))
      .toEqual([
        ['uk', `Талон ${call.number}, підійдіть до: ${call.desk}.`],
        ['en', `Ticket ${call.number}, please go to ${call.desk}.`],
      ])
    await page.clock.fastForward(10_000)
    await expect.poll(() => page.locator('#called-title').textContent()).toBe('Now called')
    expect(await page.locator('#board').getAttribute('lang')).toBe('en')
    await expectAccessible(page)
    await page.clock.fastForward(10_000)
    await expect.poll(() => page.locator('#called-title').textContent()).toBe('Зараз викликано')
    await Promise.all([context.close(), server.app.close()])
  })

  it('says when it is offline and reconnects by itself when the server answers again', async () => {
    const server = await listeningApp()
    const context = await browser.newContext()
    const page = await context.newPage()
    page.setDefaultTimeout(WAIT_MS)
    await page.clock.install()
    // The server restarting behind a proxy: the event stream answers 503 until it is back.
    let down = true
    await page.route('**/board/events', (route) =>
      down ? route.fulfill({ status: 503, body: 'restarting' }) : route.continue(),
    )
    await page.goto(`${server.url}/offices/LVIV-CNAP/board?lang=en&sound=off`)
    await expect.poll(() => page.locator('.board-offline').isVisible()).toBe(true)
    expect(await page.locator('.board-offline').textContent()).toBe('Connection lost; reconnecting…')
    down = false
    await page.clock.fastForward(2_000)
    await expect.poll(() => page.locator('.board-offline').isVisible()).toBe(false)
    const call = await callOne(server)
    await expect.poll(() => page.locator('.board-newest .board-number').textContent()).toBe(call.number)
    await Promise.all([context.close(), server.app.close()])
  })
})
