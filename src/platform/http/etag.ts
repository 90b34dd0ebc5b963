import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { AppError } from '../errors.js'

/** Strong ETag of a versioned record: `"v7"`. */
export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', `"v${version}"`)
}

/** The `If-Match` request header, as the OpenAPI document describes it on every edit that takes it. */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ maxLength: 100, description: 'The ETag read: refuses a lost update (412)' }),
  ),
})

/**
 * The version an `If-Match` header names, or undefined when there is none (the edit then applies to
 * whatever is current). A header that names no version of ours can never match: 412.
 */
export function ifMatchVersion(req: FastifyRequest): number | undefined {
  const header = req.headers['if-match']
  if (header === undefined) return undefined
  const match = /^(?:W\/)?"v(\d+)"$/.exec(header.trim())
  if (!match)
    throw new AppError(
      'VERSION_MISMATCH',
      412,
      'Changed since you read it',
      'If-Match must be an ETag this API gave out, e.g. "v3".',
    )
  return Number(match[1])
}

/** A rendered page kept ready to send: its bytes and a strong ETag of them. */
export interface RenderedPage {
  body: Buffer
  etag: string
}

export function renderedPage(html: string): RenderedPage {
  const body = Buffer.from(html)
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"` }
}

/** Sends a rendered page (a client that holds these bytes gets 304: conditional-get.ts). */
export function sendRendered(reply: FastifyReply, page: RenderedPage) {
  reply.header('etag', page.etag).header('cache-control', 'no-cache')
  return reply.type('text/html; charset=utf-8').send(page.body)
}
