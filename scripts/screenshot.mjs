#!/usr/bin/env node
// Regenerates the README's screenshots: starts Ratusz on a throwaway demo database, opens a page in
// Debian's Chromium and saves it under docs/images/.
// Usage: node scripts/screenshot.mjs [path] [file]   (default: /?lang=uk home.png)
//        node scripts/screenshot.mjs front-office     (kiosk ticket, desk console and board)
//        node scripts/screenshot.mjs records          (chancellery desk, a case, its file)
//        node scripts/screenshot.mjs deadlines        (a head's deadlines, a case's due date, notifications)
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const path = process.argv[2] ?? '/?lang=uk'
const file = process.argv[3] ?? 'home.png'
const port = 3917
const root = join(import.meta.dirname, '..')
const server = spawn(process.execPath, [join(root, 'bin', 'ratusz.js'), 'serve'], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    RATUSZ_DATA_DIR: mkdtempSync(join(tmpdir(), 'ratusz-shot-')),
  },
  stdio: 'ignore',
})
try {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const base = `http://127.0.0.1:${port}`
  const shot = async (page, name) => {
    await page.screenshot({ path: join(root, 'docs', 'images', name) })
    process.stdout.write(`docs/images/${name} written\n`)
  }
  const signedIn = async (login) => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 860 } })
    await page.goto(`${base}/login?lang=uk`)
    await page.fill('#field-login', login)
    await page.fill('#field-password', `${login}-pass`)
    await page.click('button[type=submit]')
    // Staff land on their pages, a kiosk device on its kiosk.
    await page.waitForURL((url) => !url.pathname.startsWith('/login'))
    return page
  }
  if (path === 'front-office') {
    // A morning at the Lviv centre: three tickets taken at the kiosk, one called to a desk.
    const kiosk = await signedIn('demo-kiosk-lviv')
    for (const [purpose, queue, priority] of [
      [0, 0, 0],
      [1, 1, 2],
      [0, 0, 1],
    ]) {
      await kiosk.goto(`${base}/offices/LVIV-CNAP/kiosk?lang=uk`)
      await kiosk.locator('.kiosk-choices a').nth(purpose).click()
      await kiosk.locator('.kiosk-choices a').nth(queue).click()
      await kiosk.locator('.kiosk-choices button').nth(priority).click()
    }
    await shot(kiosk, 'kiosk-ticket.png')
    await kiosk.goto(`${base}/offices/LVIV-CNAP/kiosk?lang=uk&purpose=submit`)
    await shot(kiosk, 'kiosk.png')
    const clerk = await signedIn('demo-consultant')
    await clerk.goto(`${base}/staff/desk?lang=uk`)
    await clerk.locator('.desk-choices button').first().click()
    await clerk.locator('form[action="/staff/desk/call-next"] button').click()
    await shot(clerk, 'desk-console.png')
    const board = await browser.newPage({ viewport: { width: 1200, height: 860 } })
    await board.goto(`${base}/offices/LVIV-CNAP/board?lang=uk`)
    await board.waitForSelector('.board-called .board-number')
    await shot(board, 'board.png')
    const manager = await signedIn('demo-manager')
    await manager.goto(`${base}/staff/bookings?lang=uk`)
    await manager.locator('#templates').scrollIntoViewIfNeeded()
    await manager.evaluate(() => document.querySelector('#templates').scrollIntoView())
    await shot(manager, 'booking-setup.png')
  } else if (path === 'records') {
    // Lublin's chancellery and a case officer, on the records demo.
    const clerk = await signedIn('demo-chancellery')
    await clerk.goto(`${base}/staff/registry?lang=pl`)
    await clerk.fill('#field-sender-name', 'Anna Kowalska')
    await clerk.fill('#field-title', 'Wniosek o wydanie zaświadczenia o niezaleganiu')
    await clerk.click('form[novalidate] button[type=submit]')
    await clerk.waitForURL(/registered=/)
    await shot(clerk, 'chancellery-desk.png')
    const officer = await signedIn('demo-officer')
    await officer.goto(`${base}/staff/cases?lang=pl`)
    await officer.locator('table a').nth(1).click()
    await officer.waitForSelector('h1')
    await shot(officer, 'case-page.png')
    // The case file: its documents, one unfolded with its metadata and versions (after the jobs
    // have read the demo's PDFs for search).
    for (let i = 0; i < 60 && (await officer.content()).includes('w trakcie odczytu'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 2_000))
      await officer.reload()
    }
    await officer.locator('section:has(#file-heading) details.document summary').first().click()
    await officer.locator('#file-heading').scrollIntoViewIfNeeded()
    await officer.evaluate(() => document.querySelector('#file-heading').scrollIntoView())
    await shot(officer, 'case-file.png')
  } else if (path === 'deadlines') {
    // The records demo's cases run from their letters' receipt: some are late, some due soon.
    const head = await signedIn('demo-head')
    await head.goto(`${base}/staff/deadlines?lang=pl`)
    await shot(head, 'deadlines.png')
    await head.goto(`${base}/staff/deadlines?lang=en`)
    await head.locator('table a').first().click()
    await head.waitForSelector('.case-due details')
    await head.locator('.case-due details summary').click()
    await head.evaluate(() => document.querySelector('.case-due').scrollIntoView({ block: 'center' }))
    await shot(head, 'case-due.png')
    // The morning's reminders: the daily job has run once the server started after 07:00 in Lublin.
    const officer = await signedIn('demo-officer')
    for (let i = 0; i < 30; i++) {
      await officer.goto(`${base}/staff/notifications?lang=en`)
      if ((await officer.locator('article').count()) > 0) break
      await new Promise((resolve) => setTimeout(resolve, 1_000))
    }
    await shot(officer, 'notifications.png')
  } else {
    const page = await browser.newPage({ viewport: { width: 1200, height: 860 } })
    await page.goto(`${base}${path}`)
    await shot(page, file)
  }
  await browser.close()
} finally {
  server.kill('SIGTERM')
}
