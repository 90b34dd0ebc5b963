import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'
import { testsNeedingVectors, VECTORS_MARK } from '../../scripts/shared-vectors.mjs'

const root = join(import.meta.dirname, '..', '..')

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : /\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  )
}

it('knows every test that reads ../shared/vectors, so a fresh clone without it says what it did not run', () => {
  // A test reads the vectors through a support module that points at them, or by naming the folder.
  const supportReading = readdirSync(join(root, 'test', 'support'), { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .filter((f) => readFileSync(join(root, 'test', 'support', f), 'utf8').includes("'shared', 'vectors'"))
  expect(supportReading.length).toBeGreaterThan(0)
  const reading = testFiles(join(root, 'test'))
    .filter((path) => {
      const text = readFileSync(path, 'utf8')
      return (
        text.includes('shared/vectors') ||
        supportReading.some((f) => text.includes(`support/${f.replace(/\.ts$/, '.js')}`))
      )
    })
    .filter((path) => !path.endsWith('shared-vectors.test.ts'))
    .map((path) => relative(root, path))
    .sort()
  expect(reading).toContain('test/app/cpsv-ap.test.ts')
  expect(testsNeedingVectors(root)).toEqual(reading)
  for (const file of reading) expect(readFileSync(join(root, file), 'utf8')).toContain(VECTORS_MARK)
})
