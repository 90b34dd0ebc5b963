import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

let root: string | null = null

/** The folder holding Ratusz's package.json, whether running from `src/` or from the built `dist/`. */
export function projectRoot(): string {
  if (root) return root
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('package.json not found above Ratusz sources')
    dir = parent
  }
  root = dir
  return dir
}
