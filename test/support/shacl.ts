import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import rdf from '@zazuko/env'
import jsonld from 'jsonld'
import { Parser } from 'n3'
import SHACLValidator from 'rdf-validate-shacl'

/** SEMIC's CPSV-AP files; CI always has ../shared/vectors beside the checkout. */
export const CPSV_VECTORS = join(import.meta.dirname, '..', '..', '..', 'shared', 'vectors', 'cpsv-ap')

export function assertVectors(): void {
  if (!existsSync(CPSV_VECTORS))
    throw new Error(`The CPSV-AP test vectors are absent: expected them at ${CPSV_VECTORS}`)
}

let shapes: ReturnType<typeof rdf.dataset> | null = null
function shapesDataset() {
  if (!shapes) {
    const quads = new Parser().parse(readFileSync(join(CPSV_VECTORS, 'cpsv-ap-3.2.0-SHACL.ttl'), 'utf8'))
    shapes = rdf.dataset(quads as never)
  }
  return shapes
}

export interface ShaclViolation {
  message: string
  path: string | null
  focusNode: string | null
  shape: string | null
}

/** Expands JSON-LD to RDF and validates it against SEMIC's CPSV-AP 3.2.0 SHACL shapes. */
export async function cpsvViolations(doc: object): Promise<ShaclViolation[]> {
  assertVectors()
  const nquads = (await jsonld.toRDF(doc as never, { format: 'application/n-quads' })) as unknown as string
  const data = rdf.dataset(new Parser({ format: 'N-Quads' }).parse(nquads) as never)
  const validator = new SHACLValidator(shapesDataset(), { factory: rdf })
  const report = await validator.validate(data)
  return report.results.map((r) => ({
    message: r.message.map((m) => m.value).join('; '),
    path: r.path?.value ?? null,
    focusNode: r.focusNode?.value ?? null,
    shape: r.sourceShape?.value ?? null,
  }))
}
