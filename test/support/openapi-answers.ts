import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { OpenApiDoc, Operation } from './openapi-fuzz.js'

interface Documented extends OpenApiDoc {
  components?: { schemas?: Record<string, object> }
}

/**
 * Checks live answers against the OpenAPI document, as a generated client would meet them: the status
 * is one the operation lists, the media type one listed for that status, and a JSON body valid
 * against its schema (the components resolved from the document).
 */
export function answerChecker(doc: Documented) {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true })
  addFormats.default(ajv)
  const compiled = new Map<string, ValidateFunction>()
  const validatorOf = (key: string, schema: object) => {
    let validate = compiled.get(key)
    if (!validate) {
      // The schema's `#/components/...` references resolve inside a root that carries them.
      validate = ajv.compile({ ...schema, components: doc.components ?? {} })
      compiled.set(key, validate)
    }
    return validate
  }

  /** What in an answer the document does not say; empty when it is as documented. */
  return (
    operation: string,
    res: { statusCode: number; headers: Record<string, unknown>; body: string },
  ): string[] => {
    const [method, path] = operation.split(' ') as [string, string]
    const op = (doc.paths[path] as Record<string, Operation> | undefined)?.[method.toLowerCase()]
    if (!op) return [`${operation} is not in the document`]
    const answer = op.responses?.[String(res.statusCode)] ?? op.responses?.default
    if (!answer) return [`status ${res.statusCode} of ${operation} is not documented`]
    if (res.statusCode === 204 || res.statusCode === 304 || res.body === '') return []
    const type = String(res.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
    // An exact type, else a range (`image/*`, `*/*`: a stored file of any type).
    const content = answer.content ?? {}
    const media = (content[type] ?? content[`${type.split('/')[0]}/*`] ?? content['*/*']) as
      | { schema?: object }
      | undefined
    if (!media) return [`${type} for ${res.statusCode} of ${operation} is not documented`]
    if (!/[/+]json$/.test(type) || !media.schema) return []
    const validate = validatorOf(`${operation} ${res.statusCode} ${type}`, media.schema)
    if (validate(JSON.parse(res.body))) return []
    const first = validate.errors?.[0]
    return [
      `${res.statusCode} body of ${operation}: ${first?.instancePath || '/'} ${first?.message ?? 'invalid'}`,
    ]
  }
}
