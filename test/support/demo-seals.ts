import { cpSync, existsSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'
import type { Config } from '../../src/platform/config.js'
import { digest } from './templates.js'
import { type TestApp, testConfig } from './test-app.js'

/**
 * The demo seals of every office, as `initDemo` makes them in the app's data folder, but made once per
 * run and copied into each test's folder after that: a demo CA and five RSA keys, each kept in PKCS#12
 * behind a deliberately slow key derivation, cost ≈2 s a time. A copy is the same as the first made
 * (one CA, one key per office); `initDemo` then finds every seal in place and writes a fresh CRL.
 * Tests of making seals themselves (seals-api.test.ts) call `initDemo` directly.
 */
export async function demoSeals(app: TestApp, overrides: Partial<Config> & { dataDir: string }) {
  const config = testConfig(overrides)
  const folder = join(config.dataDir, 'seals')
  const template = join(
    inject('templatesDir'),
    `seals-${digest(JSON.stringify([config.publicUrl, config.sealPassword]))}`,
  )
  const existed = existsSync(folder)
  if (!existed && existsSync(template)) cpSync(template, folder, { recursive: true })
  const made = await app.services.sealing.initDemo(await app.services.offices.listPublicOffices())
  if (!existed && made.created.length > 0 && !existsSync(template)) {
    // Whole or not at all: copied aside first, then renamed into place (another file may win the race).
    const partial = `${template}.${process.pid}`
    cpSync(folder, partial, { recursive: true })
    try {
      renameSync(partial, template)
    } catch {
      rmSync(partial, { recursive: true, force: true })
    }
  }
  return made
}
