import { AjvCompiler } from '@fastify/ajv-compiler'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'

/**
 * Fastify's own schema compilers, kept for the whole process rather than made again for each app.
 * A route's request validators (Ajv) and response serialisers (fast-json-stringify) are compiled when
 * the app gets ready, ≈0.9 s for every route of Ratusz. Compiled code depends only on the schema's
 * content, the part of the request or answer it checks, and the shared schemas and options it was
 * built with, so it is kept by those: an app built after the first compiles nothing (some route
 * schemas are made anew for each app, so the key is the content, not the object). One server process
 * builds one app, so this changes nothing there; the test suite builds hundreds per worker.
 */
const validatorFactory = AjvCompiler()
const serializerFactory = SerializerSelector()

type Compiler<R, F> = (route: R) => F

const memos = new Map<string, Map<string, unknown>>()

/** `compile`, remembered by `key(route)` within the context the compiler was built for. */
function remembered<R, F>(
  context: string,
  compile: Compiler<R, F>,
  key: (route: R) => string,
): Compiler<R, F> {
  let memo = memos.get(context)
  if (!memo) {
    memo = new Map()
    memos.set(context, memo)
  }
  const known = memo
  return (route) => {
    const k = key(route)
    let compiled = known.get(k) as F | undefined
    if (compiled === undefined) {
      compiled = compile(route)
      known.set(k, compiled)
    }
    return compiled
  }
}

function buildValidator(...args: Parameters<typeof validatorFactory>): ReturnType<typeof validatorFactory> {
  return remembered(`validator ${JSON.stringify(args)}`, validatorFactory(...args), (route) =>
    JSON.stringify([route.httpPart, route.schema]),
  )
}

function buildSerializer(
  ...args: Parameters<typeof serializerFactory>
): ReturnType<typeof serializerFactory> {
  return remembered(`serializer ${JSON.stringify(args)}`, serializerFactory(...args), (route) =>
    JSON.stringify([route.httpStatus, (route as { contentType?: string }).contentType, route.schema]),
  )
}

export const sharedSchemaCompilers = { buildValidator, buildSerializer }
