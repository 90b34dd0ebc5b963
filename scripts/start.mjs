#!/usr/bin/env node
// `npm start`: serve Ratusz from the build in dist/, rebuilding first only when a source file is newer
// than the last build (a few milliseconds to check; `npm install` builds anyway).
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
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0
if (Math.max(newestSource(join(root, 'src')), newestSource(join(root, 'migrations'))) > builtAt) {
  process.stdout.write('Building Ratusz…\n')
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' })
}
const { runCli } = await import(join(root, 'dist', 'src', 'cli.js'))
await runCli([process.argv[0], 'ratusz', 'serve', ...process.argv.slice(2)])
