// Whether dist/ is older than a source, and a build when it is: `npm start` and `npm test` build only
// when something changed since the last build (`npm install` builds anyway, through `prepare`).
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const stamp = join(root, 'dist', '.built')

function newestSource(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path))
    else if (/\.(tsx?|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

/** True when a source file (TypeScript, or JSON it imports) is newer than the last build. */
export function buildIsStale() {
  const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0
  const sources = [join(root, 'src'), join(root, 'migrations')].map(newestSource)
  const settings = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) =>
    existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0,
  )
  return Math.max(...sources, ...settings) > builtAt
}

/** Builds when the build is stale; says so. */
export function buildIfStale(say = (line) => process.stdout.write(`${line}\n`)) {
  if (!buildIsStale()) return false
  say('Building Ratusz…')
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' })
  return true
}
