#!/usr/bin/env node
// `npm run test:fast`: the loop a developer runs after each edit (≤ 60 s on a 2-core machine). The pure
// tests beside the code, and for every module the tests of its domain through the API, on SQLite only.
// `npm test` still runs everything (PostgreSQL, the browser, processes, the fuzzer, the crash tests).
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')

/** Each module's domain tests: its use cases through the API, on a seeded database. */
const DOMAIN_TESTS = {
  appointments: ['test/app/appointments.test.ts'],
  audit: ['test/app/audit-log.test.ts'],
  calendar: ['test/app/calendar.test.ts'],
  cases: ['test/app/cases.test.ts'],
  catalogue: ['test/app/catalogue-api.test.ts'],
  deadlines: ['test/app/deadlines.test.ts'],
  eservices: ['test/app/eservices-forms.test.ts'],
  identity: ['test/app/staff-accounts.test.ts'],
  'information-requests': ['test/app/information-requests.test.ts'],
  notifications: ['test/app/reminders.test.ts'],
  offices: ['test/app/offices-api.test.ts'],
  queue: ['test/app/queue-calling.test.ts'],
  registry: ['test/app/registry-incoming.test.ts'],
  signatures: ['test/app/signatures-cms.test.ts'],
}

// A module without domain tests here would leave a part of Ratusz out of the loop: say so and stop.
const modules = readdirSync(join(root, 'src', 'modules'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
const missing = modules.filter((name) => !DOMAIN_TESTS[name])
if (missing.length > 0) {
  process.stderr.write(`test:fast: no domain tests named for ${missing.join(', ')} (scripts/test-fast.mjs)\n`)
  process.exit(1)
}

const env = { ...process.env }
delete env.TEST_DATABASE_URL // SQLite only: PostgreSQL's runs are npm test's
const files = ['src/', 'test/platform/counters.test.ts', 'test/platform/unit-of-work.test.ts']
files.push(...Object.values(DOMAIN_TESTS).flat())
const result = spawnSync('npx', ['--no-install', 'vitest', 'run', ...files, ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
})
process.exit(result.status ?? 1)
