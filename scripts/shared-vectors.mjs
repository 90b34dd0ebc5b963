// Which tests read the real files in ../shared/vectors (CI has them beside the checkout; a user's
// fresh clone does not). Such a test file says so on a line of its own: `// needs ../shared/vectors`.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

export const VECTORS_MARK = '// needs ../shared/vectors'

/** Where the vectors are expected for a checkout at `root`. */
export const vectorsDir = (root) => join(root, '..', 'shared', 'vectors')

/** The test files (relative to `root`) that carry the mark, in path order. */
export function testsNeedingVectors(root) {
  const found = []
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.test\.tsx?$/.test(entry.name) && readFileSync(path, 'utf8').includes(VECTORS_MARK))
        found.push(relative(root, path))
    }
  }
  walk(join(root, 'test'))
  return found.sort()
}

export const haveVectors = (root) => existsSync(vectorsDir(root))
