import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The real signed files of ../shared/vectors/signatures (EU DSS, jkurwa), beside the checkout. */
export const SIGNATURE_VECTORS = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'vectors',
  'signatures',
)

/** One vector's bytes; a clear error when the folder is absent (the test runner says so first). */
export function signatureVector(path: string): Buffer {
  if (!existsSync(SIGNATURE_VECTORS))
    throw new Error(`The signature test vectors are absent: expected them at ${SIGNATURE_VECTORS}`)
  return readFileSync(join(SIGNATURE_VECTORS, path))
}
