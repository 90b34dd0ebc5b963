import { OPERATION_IDS } from './operation-ids.js'

/** The parts of an OpenAPI 3.1 document this module reads and writes. */
interface Header {
  description: string
  schema: { type: 'string' }
}
interface Response {
  description: string
  headers?: Record<string, Header>
  content?: Record<string, unknown>
}
interface Operation {
  operationId?: string
  security?: Record<string, string[]>[]
  parameters?: { in: string; name: string }[]
  responses?: Record<string, Response>
}
export interface OpenApiDocument {
  servers?: { url: string; description?: string }[]
  security?: Record<string, string[]>[]
  components?: { securitySchemes?: Record<string, unknown> }
  paths: Record<string, Record<string, Operation>>
}

const REASONS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No Content: done, nothing to send',
  '304': 'Not Modified: the representation the client holds (If-None-Match) is current',
  '400': 'The request is malformed or fails its schema; `errors` names each field',
  '401': 'No valid token or session',
  '403': 'The caller may not do this here (role or office)',
  '404': 'Not found, or not visible to the caller',
  '409': 'The current state does not allow it (the problem’s `code` says why)',
  '412': 'Changed since read: the If-Match ETag is not the current one',
  '413': 'The body or file is too large',
  '415': 'This content type is not accepted here',
  '422': 'Understood but refused by a rule (the problem’s `code` says which)',
  '429': 'Too many requests: wait as `Retry-After` says',
  '503': 'Not ready or busy: try again shortly',
}

const ETAG: Header = {
  description:
    'The version of this representation: send it back as If-Match to edit, If-None-Match to revalidate',
  schema: { type: 'string' },
}
const LOCATION: Header = { description: 'Where the created resource is read', schema: { type: 'string' } }

const NODE = {
  type: 'object',
  required: ['@id', '@type'],
  properties: { '@id': { type: 'string', format: 'uri' }, '@type': { type: 'string' } },
  additionalProperties: true,
}
/** The JSON-LD answers (CPSV-AP 3.2.0, conformant to SEMIC's SHACL shapes), by operation. */
const LINKED_DATA: Record<string, { status: string; description: string; schema: object }> = {
  getServiceCard: {
    status: '200',
    description:
      'With `Accept: application/ld+json`: the card as a CPSV-AP 3.2.0 PublicService (its own ETag; `Vary: Accept`)',
    schema: {
      ...NODE,
      required: ['@context', '@id', '@type'],
      properties: { '@context': {}, ...NODE.properties },
    },
  },
  getCatalogue: {
    status: '200',
    description:
      'Every published card as a CPSV-AP 3.2.0 PublicService, with the offices as competent authorities',
    schema: {
      type: 'object',
      required: ['@context', '@graph'],
      properties: { '@context': {}, '@graph': { type: 'array', items: NODE } },
    },
  },
}

/** Creations that answer with the new resource's address. */
const SENDS_LOCATION = new Set(['createUser', 'createOffice', 'createServiceCard', 'bookAppointment'])

/**
 * The finishing pass over the document the route schemas make: the base address (`servers`), each
 * operation's stable `operationId`, error answers under the media type the server really sends
 * (`application/problem+json`), a description for every answer, and the `ETag` and `Location` headers
 * where the server sends them. The versioned resources send an ETag on every read and edit: those
 * are the paths whose edits take `If-Match`.
 */
export function finishDocument<T extends OpenApiDocument>(doc: T, publicUrl: string): T {
  doc.servers = [{ url: publicUrl, description: 'This installation of Ratusz' }]
  const versioned = new Set(
    Object.entries(doc.paths)
      .filter(([, ops]) =>
        Object.values(ops).some((op) =>
          op.parameters?.some((p) => p.in === 'header' && p.name === 'if-match'),
        ),
      )
      .map(([path]) => path),
  )
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const operationId = OPERATION_IDS[`${method.toUpperCase()} ${path}`]
      if (operationId) op.operationId = operationId
      op.responses ??= {}
      const responses = op.responses
      const linked = operationId ? LINKED_DATA[operationId] : undefined
      if (linked) {
        responses[linked.status] ??= { description: linked.description }
        const answer = responses[linked.status]!
        if (answer.description === 'Default Response') answer.description = linked.description
        answer.content = { ...answer.content, 'application/ld+json': { schema: linked.schema } }
      }
      if (!Object.keys(responses).some((status) => status.startsWith('2'))) {
        // A file (a PDF, a sealed XML, a certificate): each type the operation produces, as bytes.
        const types = new Set(
          Object.values(responses)
            .flatMap((r) => Object.keys(r.content ?? {}))
            .filter((t) => !t.endsWith('json')),
        )
        responses['200'] = {
          description: 'The file',
          content: Object.fromEntries(
            [...(types.size ? types : ['application/octet-stream'])].map((t) => [
              t,
              { schema: { type: 'string', contentMediaType: t } },
            ]),
          ),
        }
      }
      for (const [status, response] of Object.entries(responses)) {
        if (response.description === 'Default Response') response.description = REASONS[status] ?? 'Answer'
        if (Number(status) >= 400 && response.content) {
          // Whatever the operation produces when it succeeds, its refusals are problem+json.
          const schema = Object.values(response.content)[0] as object
          response.content = { 'application/problem+json': schema }
        }
        const headers: Record<string, Header> = { ...response.headers }
        if ((status === '200' || status === '201') && versioned.has(path)) headers.ETag = ETAG
        if (status === '201' && operationId && SENDS_LOCATION.has(operationId)) headers.Location = LOCATION
        if (Object.keys(headers).length > 0) response.headers = headers
      }
    }
  }
  toPrefixItems(doc.paths)
  // A scheme no operation uses (the metrics token when none is set) is not offered.
  const used = new Set(
    [
      ...(doc.security ?? []),
      ...Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((op) => op.security ?? [])),
    ].flatMap((requirement) => Object.keys(requirement)),
  )
  const schemes = doc.components?.securitySchemes ?? {}
  for (const name of Object.keys(schemes)) if (!used.has(name)) delete schemes[name]
  return doc
}

/**
 * TypeBox writes a tuple as draft-07 does (`items: [...]`, `additionalItems: false`); OpenAPI 3.1
 * speaks JSON Schema 2020-12, where that is `prefixItems` and `items: false`.
 */
function toPrefixItems(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) toPrefixItems(item)
    return
  }
  if (!node || typeof node !== 'object') return
  const schema = node as Record<string, unknown>
  if (Array.isArray(schema.items)) {
    schema.prefixItems = schema.items
    schema.items = schema.additionalItems ?? false
    delete schema.additionalItems
  }
  for (const value of Object.values(schema)) toPrefixItems(value)
}
