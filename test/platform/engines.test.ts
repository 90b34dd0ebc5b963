import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import semver from 'semver'
import { expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'))

it('installs with no engine warnings: every locked package accepts the oldest Node the project says it runs on', () => {
  const project = read('package.json') as { engines: { node: string } }
  const oldest = semver.minVersion(project.engines.node)!.version
  const lock = read('package-lock.json') as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>
  }
  const refusing = Object.entries(lock.packages)
    .filter(([path]) => path !== '')
    .flatMap(([path, p]) => {
      const wanted = !Array.isArray(p.engines) ? p.engines?.node : undefined
      return wanted && semver.validRange(wanted) && !semver.satisfies(oldest, wanted)
        ? [`${path.replace(/^.*node_modules\//, '')}@${p.version} wants node ${wanted}`]
        : []
    })
  expect(refusing).toEqual([])
  // And the project's own word is what it runs on here.
  expect(semver.satisfies(process.versions.node, project.engines.node)).toBe(true)
})
