import { spawnSync } from 'node:child_process'
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { testApp } from '../support/test-app.js'

/** Prometheus's own checker; `npm test` finds it (Debian's prometheus package) and sets PROMTOOL_PATH. */
const PROMTOOL = process.env.PROMTOOL_PATH || 'promtool'

describeEachDatabase('/metrics as Prometheus reads it', (dialect) => {
  it('passes promtool check metrics with no problem reported', async () => {
    const app = await testApp(dialect, { demo: true })
    // Some traffic first, so that every family has samples: pages, the API, a refusal.
    await app.inject('/?lang=en')
    await app.inject('/api/v1/services')
    await app.inject('/api/v1/offices/0190b7a0-0000-7000-8000-000000000000')
    const text = (await app.inject('/metrics')).body
    expect(text).toContain('ratusz_http_requests_total')
    const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' })
    expect(check.error).toBeUndefined()
    expect(`${check.stdout}${check.stderr}`).toBe('')
    expect(check.status).toBe(0)
  })
})
