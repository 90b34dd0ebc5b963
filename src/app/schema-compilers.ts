import { AjvCompiler } from '@fastify/ajv-compiler'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'

/**
 * Fastify's own schema compilers, kept for the whole process rather than made again for each app.
 * A route's request validator (Ajv) and response serialiser (fast-json-stringify) are compiled when
 * the app gets ready, ≈0.9 s for every route of Ratusz; the route schemas are the same objects in
 * every app of a process, so an app built after the first reuses what was compiled (Ajv keeps its
 * compiled schemas by the schema object; serialisers are kept here the same way). One server process
 * builds one app, so this changes nothing there; the test suite builds hundreds per worker.
 */
const validators = AjvCompiler()
const serializerFactory = SerializerSelector()

type SerializerFactory = ReturnType<typeof SerializerSelector>
type Compile = ReturnType<SerializerFactory>

const serializers = new Map<string, WeakMap<object, Map<string, ReturnType<Compile>>>>()

function buildSerializer(...args: Parameters<SerializerFactory>): Compile {
  const compile = serializerFactory(...args)
  // Compiled output depends on the schema and on the shared schemas and options it was built with.
  const context = JSON.stringify(args)
  let bySchema = serializers.get(context)
  if (!bySchema) {
    bySchema = new WeakMap()
    serializers.set(context, bySchema)
  }
  const known = bySchema
  return ((route: Parameters<Compile>[0]) => {
    const schema = route.schema as object
    let byStatus = known.get(schema)
    if (!byStatus) {
      byStatus = new Map()
      known.set(schema, byStatus)
    }
    const key = `${route.httpStatus} ${(route as { contentType?: string }).contentType ?? ''}`
    let serialize = byStatus.get(key)
    if (!serialize) {
      serialize = compile(route)
      byStatus.set(key, serialize)
    }
    return serialize
  }) as Compile
}

export const sharedSchemaCompilers = { buildValidator: validators, buildSerializer }
