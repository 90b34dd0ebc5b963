import { constants } from 'node:zlib'
import compress from '@fastify/compress'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/**
 * Brotli or gzip for clients that accept it, on answers of a kilobyte or more whose type compresses
 * (JSON, HTML, the OpenAPI document, CSV, XML; not PDFs or images). Brotli at quality 4: about gzip's
 * cost for a smaller result (quality 11 costs tens of milliseconds on the OpenAPI document). The
 * live event streams write to the socket themselves and are never compressed. An encoded answer is
 * another representation: its ETag becomes weak (RFC 9110 §8.8.1), as nginx does, so that a cache
 * never mixes the encoded and plain bytes under one strong tag; revalidation still matches.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    // Request bodies are never inflated (a gzip body is not JSON: 400), so no decompression bomb gets in.
    globalDecompression: false,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  })
  // After the compression hook of each route (route hooks run in the order they were added).
  app.addHook('onRoute', (route) => {
    const hooks = route.onSend ? [route.onSend].flat() : []
    route.onSend = [...hooks, weakenEncodedEtag]
  })
}

async function weakenEncodedEtag(_req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const etag = reply.getHeader('etag')
  if (reply.getHeader('content-encoding') && typeof etag === 'string' && !etag.startsWith('W/'))
    reply.header('etag', `W/${etag}`)
  return payload
}
