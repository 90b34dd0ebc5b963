import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../errors.js'

/** Strong ETag of a versioned record: `"v7"`. */
export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', `"v${version}"`)
}

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
