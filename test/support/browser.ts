/// <reference lib="dom" />
// Browser-side callbacks (page.evaluate) use DOM types; src/ is built without them (tsconfig.build.json).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { type Browser, chromium, type Page } from 'playwright-core'
import { WAIT_MS } from './patience.js'

/** Debian's Chromium; `npm test` finds it and sets CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/**
 * Runs axe-core in the page against WCAG 2.1 A and AA. Injected through evaluate, which the page's
 * CSP (no inline scripts) does not block, so the page is checked with its real headers.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> }
      }
    ).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }))
  })
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n')
}

/** Fails the test with a readable list when axe-core finds a WCAG 2.1 AA violation on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  const { expect } = await import('vitest')
  const violations = await axeViolations(page)
  expect(violations, describeViolations(violations)).toEqual([])
}

/** A fresh demo server and a page in its own browser context (with or without JavaScript). */
export async function openDemo(browser: Browser, javaScriptEnabled = true) {
  const { listeningApp } = await import('./listening-app.js')
  const server = await listeningApp()
  const context = await browser.newContext({ javaScriptEnabled })
  const page = await context.newPage()
  // Fail a step in seconds with its own message, not the whole test at its timeout.
  page.setDefaultTimeout(WAIT_MS)
  return { server, page, close: async () => Promise.all([context.close(), server.app.close()]) }
}

/** Signs in through the English sign-in form (the demo's password by default). */
export async function signIn(
  page: Page,
  url: string,
  login: string,
  password = `${login}-pass`,
): Promise<void> {
  await page.goto(`${url}/login?lang=en`)
  await page.getByLabel('Login', { exact: true }).fill(login)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/staff/)
}
