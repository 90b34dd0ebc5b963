#!/usr/bin/env node
// `npm run build`: compile src/ and migrations/ to dist/, then stamp the time of the build so that
// `npm start` can tell whether a source changed since (tsc leaves unchanged outputs untouched).
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
execFileSync(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')],
  {
    stdio: 'inherit',
  },
)
writeFileSync(join(root, 'dist', '.built'), `${new Date().toISOString()}\n`)
