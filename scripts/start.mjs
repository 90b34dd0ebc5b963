#!/usr/bin/env node
// `npm start`: serve Ratusz from the build in dist/, rebuilding first only when a source file is newer
// than the last build (a few milliseconds to check; `npm install` builds anyway).
import { join } from 'node:path'
import { buildIfStale } from './fresh-build.mjs'

const root = join(import.meta.dirname, '..')
buildIfStale()
const { runCli } = await import(join(root, 'dist', 'src', 'cli.js'))
await runCli([process.argv[0], 'ratusz', 'serve', ...process.argv.slice(2)])
