import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../platform/project-root.js'

/** Folder of the static assets served under `/assets/`. */
export const ASSETS_DIR = join(projectRoot(), 'src', 'web', 'assets')

const versions = new Map<string, string>()

/**
 * `/assets/<file>?v=<content hash>`: browsers may cache assets for a year because a changed file
 * gets a new address.
 */
export function assetUrl(file: string): string {
  let version = versions.get(file)
  if (!version) {
    version = createHash('sha256')
      .update(readFileSync(join(ASSETS_DIR, file)))
      .digest('hex')
      .slice(0, 12)
    versions.set(file, version)
  }
  return `/assets/${file}?v=${version}`
}
