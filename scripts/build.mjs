#!/usr/bin/env node
// `npm run build`: compile src/ and migrations/ to dist/ file by file (esbuild: types are only removed,
// so it takes a second where tsc took ≈30 s of CPU; the type-check is `npm run check` and `npm test`),
// copy the JSON catalogues the code imports, then stamp the time of the build so that `npm start` can
// tell whether a source changed since.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { build } from 'esbuild'

const root = join(import.meta.dirname, '..')
const dist = join(root, 'dist')

function sources(dir, found = { code: [], json: [] }) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) sources(path, found)
    else if (/\.test\.tsx?$/.test(entry.name) || entry.name.endsWith('.d.ts')) continue
    else if (/\.tsx?$/.test(entry.name)) found.code.push(path)
    else if (entry.name.endsWith('.json')) found.json.push(path)
  }
  return found
}

const found = sources(join(root, 'src'))
sources(join(root, 'migrations'), found)
await build({
  entryPoints: found.code,
  outdir: dist,
  outbase: root,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  tsconfig: join(root, 'tsconfig.build.json'),
  logLevel: 'warning',
})
for (const file of found.json) {
  const target = join(dist, relative(root, file))
  mkdirSync(dirname(target), { recursive: true })
  copyFileSync(file, target)
}
writeFileSync(join(dist, '.built'), `${new Date().toISOString()}\n`)
