import type { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'
import { mediaTypeOf } from '../blobs.js'

/** Kinds of stored file a browser shows by itself, safely: a preview opens them instead of saving them. */
const SHOWN_INLINE = new Set(['pdf', 'png', 'jpeg', 'text'])

/**
 * Sends a stored file (a scan, a document's version) under its own name: as a download, or shown in
 * the browser when `inline` is asked and the kind is one a browser shows safely. The type is the one
 * told by the content, never the uploader's word, and browsers are told not to guess another.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { name: string; type: string; size: number; content: Readable },
  options: { inline?: boolean } = {},
) {
  const inline = options.inline === true && SHOWN_INLINE.has(file.type)
  return reply
    .type(mediaTypeOf(file.type))
    .header('content-length', file.size)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    )
    .send(file.content)
}

/** Sends a printed register (PDF to print, CSV to keep) as a download. */
export function sendPrinted(
  reply: FastifyReply,
  printed: { format: string; fileName: string; body: unknown },
) {
  return sendDownload(reply, {
    mediaType: printed.format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8',
    fileName: printed.fileName,
    body: printed.body,
  })
}

/** Sends something made for this request (a receipt, a form, a document to sign) as a download, never kept by caches. */
export function sendDownload(
  reply: FastifyReply,
  download: { mediaType: string; fileName: string; body: unknown },
) {
  return reply
    .type(download.mediaType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(download.fileName)}`)
    .send(download.body)
}
