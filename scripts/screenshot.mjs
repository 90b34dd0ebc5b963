#!/usr/bin/env node
// Regenerates the README's screenshots: starts Ratusz on a throwaway demo database, opens a page in
// Debian's Chromium and saves it under docs/images/.
// Usage: node scripts/screenshot.mjs [path] [file]   (default: /?lang=uk home.png)
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
  const page = await browser.newPage({ viewport: { width: 1200, height: 860 } })
  await page.goto(`http://127.0.0.1:${port}${path}`)
  await page.screenshot({ path: join(root, 'docs', 'images', file) })
  await browser.close()
  process.stdout.write(`docs/images/${file} written\n`)
} finally {
  server.kill('SIGTERM')
}
