// The static checks (`npm run check`, and `npm test` beside the tests), and what they passed on.
//
// A pass is stamped with a digest of everything the checks read (the sources, the tests, the settings
// and the lockfile). `npm test` does not run the checks again on a tree they passed on: `.ci/run` runs
// `npm run check` while better-sqlite3 compiles on the other core (≈70 s with that core idle), and a
// developer who just ran `npm run check` does not wait for it twice.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = join(import.meta.dirname, '..')
const stampFile = join(root, '.cache', 'checks-passed.json')

/** Each check: its name in `npm test`'s report, and its command. */
export const CHECKS = [
  // TypeScript 7, the native compiler (≈12 s where TypeScript 5's tsc took ≈39 s and 50 s of CPU);
  // TypeScript 5 stays for the tools that use its JavaScript API (knip, depcruise).
  ['type-check', ['node', 'node_modules/typescript-native/bin/tsc', '-p', 'tsconfig.json']],
  ['lint', ['npx', '--no-install', 'biome', 'check', '.']],
  ['boundaries', ['npx', '--no-install', 'depcruise', 'src', '--config', '.dependency-cruiser.cjs']],
  ['dead code', ['npx', '--no-install', 'knip']],
]

const FOLDERS = ['src', 'test', 'migrations', 'bench', 'scripts', 'bin', 'deploy', 'docs']
const SKIP = new Set(['node_modules', 'dist', '.git', '.cache', 'data', 'coverage'])

function files(dir, found = []) {
  if (!existsSync(dir)) return found
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files(path, found)
    else found.push(path)
  }
  return found
}

/** A digest of every file the checks read: two trees with one digest pass or fail them alike. */
export function treeDigest() {
  const top = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(root, e.name))
  const all = [...top, ...FOLDERS.flatMap((f) => files(join(root, f)))].sort()
  const hash = createHash('sha256')
  for (const file of all)
    hash
      .update(`${relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0')
  return hash.digest('hex')
}

/** When the checks passed on this very tree: the time of that pass, else null. */
export function passedOnThisTree() {
  if (!existsSync(stampFile)) return null
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8'))
  return stamp.digest === treeDigest() ? stamp.at : null
}

/** Runs the checks side by side (at a lower priority when `nice`), each output kept whole. */
export function runChecks({ nice = false } = {}) {
  return Promise.all(
    CHECKS.map(([name, args]) => {
      const [command, rest] = nice ? ['nice', ['-n', '10', ...args]] : [args[0], args.slice(1)]
      return new Promise((resolve) => {
        const child = spawn(command, rest, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
        let output = ''
        child.stdout.on('data', (d) => {
          output += d
        })
        child.stderr.on('data', (d) => {
          output += d
        })
        child.on('error', (error) => resolve({ name, ok: false, output: `${output}${error.message}\n` }))
        child.on('close', (code) => resolve({ name, ok: code === 0, output }))
      })
    }),
  )
}

/** Stamps a pass of every check on the tree as it was when they started. */
export function stampPass(digest) {
  mkdirSync(join(root, '.cache'), { recursive: true })
  writeFileSync(stampFile, `${JSON.stringify({ digest, at: new Date().toISOString() })}\n`)
}
