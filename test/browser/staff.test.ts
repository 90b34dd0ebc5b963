import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, launchChromium, openDemo, signIn } from '../support/browser.js'

describe('staff pages in Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  for (const lang of ['uk', 'pl', 'en']) {
    it(`has an accessible sign-in page in ${lang}`, async () => {
      const { server, page, close } = await openDemo(browser)
      await page.goto(`${server.url}/login?lang=${lang}`)
      await expectAccessible(page)
      await close()
    })
  }

  it('works without JavaScript: sign in, add a unit through the form, sign out', async () => {
    const { server, page, close } = await openDemo(browser, false)
    await signIn(page, server.url, 'demo-manager', 'demo-manager-pass')
    await page.getByRole('link', { name: 'Lviv Administrative Services Centre' }).click()
    await page.getByLabel('Unit code').fill('AR1')
    await page.getByLabel('Unit name in Ukrainian').fill('Архів')
    await page.getByLabel('Unit name in Polish').fill('Archiwum')
    await page.getByLabel('Unit name in English').fill('Archive')
    await page.getByRole('button', { name: 'Add' }).first().click()
    expect(await page.getByRole('status').textContent()).toBe('The unit was added.')
    expect(await page.locator('#units + ul').textContent()).toContain('AR1 — Archive')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(`${server.url}/`)
    await close()
  })

  it('shows accessible network, office (also with form errors), accounts and audit pages', async () => {
    const { server, page, close } = await openDemo(browser)
    await signIn(page, server.url, 'demo-admin', 'demo-admin-pass')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Service centres of the network')
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Lviv Administrative Services Centre' }).click()
    await expectAccessible(page)
    await page.getByLabel('Unit code').fill('123')
    await page.getByLabel('Unit name in Ukrainian').fill('Архів')
    await page.getByLabel('Unit name in Polish').fill('Archiwum')
    await page.getByLabel('Unit name in English').fill('Archive')
    await page.getByRole('button', { name: 'Add' }).first().click()
    await expect.poll(() => page.getByRole('alert').count()).toBe(1)
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Staff accounts' }).click()
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Audit log' }).click()
    // Every chain of the network is checked on request (a network of thousands of offices).
    await page.getByRole('link', { name: 'Verify every office’s chain and the anchors now' }).click()
    expect(await page.getByRole('status').textContent()).toMatch(/intact/)
    await expectAccessible(page)
    await page.getByLabel('What it is about').selectOption({ label: 'Account' })
    await page.getByRole('button', { name: 'Show entries' }).click()
    expect(await page.locator('table tbody tr').first().textContent()).toContain('Account: created')
    await page.locator('table tbody details summary').first().click()
    expect(await page.locator('table tbody details dd').first().textContent()).toBe('user.create')
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Queue figures' }).click()
    await page.getByLabel('Office').selectOption({ label: 'Lviv Administrative Services Centre' })
    await page.getByRole('button', { name: 'Show' }).click()
    // The demo's Lviv queues, one row each, with today's counts.
    expect(await page.locator('table tbody tr').count()).toBe(4)
    expect(await page.locator('table').textContent()).toContain('Waited longer than told')
    await expectAccessible(page)
    // Readable at 1280 px without scrolling sideways, and on a phone as one card per queue.
    await page.setViewportSize({ width: 1280, height: 800 })
    const overflow = () => page.locator('.table-scroll').evaluate((el) => el.scrollWidth - el.clientWidth)
    expect(await overflow()).toBeLessThanOrEqual(0)
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await overflow()).toBeLessThanOrEqual(0)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await expectAccessible(page)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByLabel('From').fill('2099-12-31')
    await page.getByRole('button', { name: 'Show' }).click()
    expect(await page.getByText('must be a day on or after from').count()).toBe(1)
    await expectAccessible(page)

    // A job that failed on its every attempt, on the admins' jobs page, tried again from there.
    server.app.jobs.handle('archive.send', async () => {
      throw new Error('the archive refused the package')
    })
    await server.app.services.jobs.enqueue(server.app.database.db, 'archive.send', {}, { maxAttempts: 1 })
    await server.app.jobs.runDue()
    await page.getByRole('link', { name: 'Background jobs' }).click()
    expect(await page.locator('table').textContent()).toContain('the archive refused the package')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Try “archive.send” again' }).click()
    expect(await page.getByRole('status').textContent()).toBe('The job will be tried again now.')
    await expectAccessible(page)

    // The network's calendar: a Polish year, a holiday the offices work after all.
    await page.getByRole('link', { name: 'Working calendar' }).click()
    await page.getByLabel('Country').selectOption('PL')
    await page.getByLabel('Year').fill('2026')
    await page.getByRole('button', { name: 'Show' }).click()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Open offices on 2026-01-06' }).click()
    expect(await page.getByRole('status').textContent()).toBe('The calendar was changed.')
    expect(await page.getByRole('button', { name: 'Close offices on 2026-01-06' }).count()).toBe(1)
    // A new day without a name: the error is named and the form stays accessible.
    await page.getByLabel('Date', { exact: true }).fill('2026-05-04')
    await page.getByRole('button', { name: 'Save the day' }).click()
    await expect.poll(() => page.getByRole('alert').count()).toBe(1)
    await expectAccessible(page)
    await close()
  })

  it('lets an admin change an account and anyone set up their own, with accessible pages', async () => {
    const { server, page, close } = await openDemo(browser)
    await signIn(page, server.url, 'demo-admin', 'demo-admin-pass')
    await page.goto(`${server.url}/staff/users?lang=en`)
    await page.getByRole('link', { name: 'demo-consultant' }).click()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Account demo-consultant')
    await expectAccessible(page)
    await page.getByLabel('Add a role').selectOption('chancellery')
    await page
      .getByLabel('Office', { exact: true })
      .selectOption({ label: 'Lviv Administrative Services Centre' })
    await page.getByRole('button', { name: 'Save roles' }).click()
    expect(await page.getByRole('status').textContent()).toBe('The roles were saved.')
    expect(await page.getByLabel('Chancellery clerk (Lviv Administrative Services Centre)').isChecked()).toBe(
      true,
    )
    await page.getByRole('button', { name: 'Set password' }).click()
    await expect.poll(() => page.getByRole('alert').count()).toBe(1)
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Signed in as demo-admin' }).click()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your account')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Set up a second factor' }).click()
    await expect.poll(() => page.locator('figure.qr svg').count()).toBe(1)
    await page.getByLabel('Current password').fill('not-it')
    await page.getByLabel('New password', { exact: true }).fill('admin-new-password')
    await page.getByLabel('New password again').fill('admin-new-password')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('This is not your current password.')
    await expectAccessible(page)
    await page.getByLabel('What it is for', { exact: true }).fill('nightly export')
    await page.getByRole('button', { name: 'Create token' }).click()
    await expect.poll(() => page.locator('code.secret').count()).toBe(1)
    await expectAccessible(page)
    await close()
  })

  it('lets a manager set up bookings on an accessible page: a Saturday template, a day without bookings', async () => {
    const { server, page, close } = await openDemo(browser)
    await signIn(page, server.url, 'demo-manager', 'demo-manager-pass')
    await page.getByRole('link', { name: 'Bookings' }).click()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bookings')
    // The demo's queues are bookable on working days from their templates.
    expect(await page.getByRole('cell', { name: '09:00–16:00' }).count()).toBeGreaterThan(0)
    await expectAccessible(page)
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])
      await page.getByLabel(day, { exact: true }).uncheck()
    await page.getByLabel('Sat', { exact: true }).check()
    await page.getByLabel('From', { exact: true }).fill('09:00')
    await page.getByLabel('To', { exact: true }).fill('08:00')
    await page.getByRole('button', { name: 'Add template' }).click()
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('The end must be after the start.')
    await expectAccessible(page)
    await page.getByLabel('To', { exact: true }).fill('11:00')
    await page.getByRole('button', { name: 'Add template' }).click()
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/The template was added: \d+ slots? opened\./)
    expect(await page.getByRole('cell', { name: '09:00–11:00', exact: true }).count()).toBe(1)
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    await page.locator('#field-exceptionDate').fill(tomorrow)
    await page.getByLabel('Reason').fill('Staff training')
    await page.getByRole('button', { name: 'No bookings that day' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`No bookings on ${tomorrow}.`)
    await expectAccessible(page)
    await page.setViewportSize({ width: 390, height: 844 })
    await expectAccessible(page)
    await close()
  })

  it('shows accessible catalogue pages for editors: list, editor with errors, card, diff and preview', async () => {
    const { server, page, close } = await openDemo(browser)
    await signIn(page, server.url, 'demo-editor', 'demo-editor-pass')
    await page.goto(`${server.url}/staff/services?lang=en`)
    await expectAccessible(page)
    await page.getByRole('link', { name: 'New card' }).click()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Save as a new draft version' }).click()
    await expect.poll(() => page.getByRole('alert').count()).toBe(1)
    await expectAccessible(page)
    await page.goto(`${server.url}/staff/services?lang=en`)
    await page.getByRole('link', { name: 'Registration of permanent residence' }).click()
    await expectAccessible(page)
    // The editor opens on a summary with links to its sections; the time is a number and a unit.
    await page.getByRole('link', { name: 'Time and fees' }).click()
    await page.getByLabel('Description in English').fill('Registering where you live, for good.')
    await page.getByLabel('How many').fill('2')
    await page.getByLabel('Of what').selectOption({ label: 'weeks' })
    await page.getByRole('button', { name: 'Save as a new draft version' }).click()
    expect(await page.getByRole('status').textContent()).toBe('The draft was saved.')
    expect(await page.locator('.card-summary').textContent()).toContain('Processing time: 2 weeks')
    await page.getByRole('link', { name: 'Compare with version 1' }).click()
    expect(await page.locator('ins').first().textContent()).toContain('for good')
    expect(await page.getByRole('rowheader', { name: /Description · in English/ }).count()).toBe(1)
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Back to the card' }).click()
    await page.getByRole('link', { name: 'Polski' }).last().click()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Zameldowanie na pobyt stały')
    await expectAccessible(page)
    await close()
  })

  it('shows an accessible editor of a card’s online form, with its errors and its previews in three languages', async () => {
    const { server, page, close } = await openDemo(browser)
    await signIn(page, server.url, 'demo-editor', 'demo-editor-pass')
    await page.goto(`${server.url}/staff/services?lang=en`)
    await page.getByRole('link', { name: 'Request for public information' }).first().click()
    await page.getByRole('link', { name: 'Online form' }).click()
    await expectAccessible(page)
    // A question without its key or labels: the errors, beside their fields.
    await page.getByRole('button', { name: 'Add the question' }).click()
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1)
    await expectAccessible(page)
    for (const lang of ['uk', 'pl', 'en']) {
      await page.goto(
        `${page
          .url()
          .split('?')[0]
          ?.replace(/\/questions$/, '')}/preview?lang=${lang}`,
      )
      await expectAccessible(page)
    }
    await close()
  })
})
