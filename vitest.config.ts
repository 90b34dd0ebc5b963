import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineConfig } from 'vitest/config'
import { TEST_MS } from './test/support/patience.js'

/** The test files under `dir`, as paths from the project's folder. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.test\.tsx?$/.test(f))
    .map((f) => join(dir, f))
}

// A test beside the code is pure (no database, no app, no process) unless it asks for a database or
// an app; the pure ones run in threads, everything else in processes of their own.
const besideTheCode = testFiles('src')
const needsDatabase = (file: string) =>
  /describeEachDatabase|freshDatabase|testApp\(/.test(readFileSync(file, 'utf8'))
const pure = besideTheCode.filter((f) => !needsDatabase(f))

export default defineConfig({
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment', development: false } },
  test: {
    // Hang guards, not speed limits (test/support/patience.ts).
    testTimeout: TEST_MS,
    hookTimeout: TEST_MS,
    // The machines have two cores; a third worker only fought over them (measured: 562 s with two,
    // 608 s with three; docs/performance.md#test-suite).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'pure', include: pure, pool: 'threads' },
      },
      {
        extends: true,
        test: {
          name: 'database',
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
          exclude: pure,
          globalSetup: ['test/support/global-setup.ts'],
          pool: 'forks',
          isolate: false,
        },
      },
    ],
  },
})
