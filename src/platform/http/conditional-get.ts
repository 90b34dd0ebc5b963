import type { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'

/**
 * Whether an `If-None-Match` header names this entity tag (RFC 9110 §13.1.2: the weak comparison, so
 * `W/"v3"` names `"v3"`), or is `*`, which any current representation matches.
 */
export function noneMatchHolds(header: string, etag: string): boolean {
  const wanted = etag.replace(/^W\//, '')
  return header.split(',').some((tag) => {
    const held = tag.trim()
    return held === '*' || held.replace(/^W\//, '') === wanted
  })
}

/**
 * Conditional GET for every route that sends an ETag: a `GET` or `HEAD` whose `If-None-Match` names
 * the representation about to be sent is answered `304 Not Modified` with no body, keeping the ETag
 * and the headers a cache needs (`Cache-Control`, `Vary`). The handler has run (it read the record and
 * checked the caller's rights), so a 304 says no more than the 200 would have.
 */
export function answerNotModified(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || reply.statusCode !== 200) return payload
    const header = req.headers['if-none-match']
    const etag = reply.getHeader('etag')
    if (!header || typeof etag !== 'string' || !noneMatchHolds(header, etag)) return payload
    ;(payload as Partial<Readable> | null)?.destroy?.()
    reply.code(304)
    reply.removeHeader('content-type')
    reply.removeHeader('content-length')
    return null
  })
}
