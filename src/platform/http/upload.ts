import type { Readable } from 'node:stream'
import type {} from '@fastify/multipart'
import type { FastifyRequest } from 'fastify'
import { AppError, invalid } from '../errors.js'

/** The one file of a multipart form, as a stream, with the form's fields that came before it. */
export interface Upload {
  content: Readable
  name: string | undefined
  mediaType: string | undefined
  /** Text fields sent before the file (a form's metadata, `reason`…). */
  fields: Record<string, string>
}

/** The upload's form, for the OpenAPI document only (`uploadForm`, see app/openapi.ts). */
export const uploadForm = (description: string, fields: Record<string, string> = {}) => ({
  type: 'object',
  properties: {
    ...Object.fromEntries(
      Object.entries(fields).map(([name, about]) => [name, { type: 'string', description: about }]),
    ),
    file: { type: 'string', format: 'binary', description },
  },
  required: ['file'],
})

/** A broken multipart stream (cut short, malformed headers) is the sender's fault: 400 or 413, never 500. */
function uploadProblem(error: unknown): unknown {
  if (error instanceof AppError) return error
  // Not a form at all: the error handler answers it as the 415 it is.
  if ((error as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return error
  const e = error as { fromUpload?: boolean; statusCode?: number; message?: string; code?: string }
  if (e.fromUpload || e.code?.startsWith('FST_'))
    return new AppError(
      e.statusCode === 413 ? 'FILE_TOO_LARGE' : 'MALFORMED_UPLOAD',
      e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 400,
      e.statusCode === 413 ? 'The file is too large' : 'The upload could not be read',
      e.message,
    )
  return error
}

/**
 * Reads the one file of a multipart request and hands it, still a stream, to `use` (which stores it
 * or refuses it). A form without a file is a 422 on `body.file`; a form that breaks while read is a
 * 400 (or 413); what `use` throws is passed on, after the rest of the file is drained so that the
 * answer can be sent.
 */
export async function withUpload<T>(req: FastifyRequest, use: (upload: Upload) => Promise<T>): Promise<T> {
  let upload: Readable | undefined
  try {
    const part = await req.file().catch((error: Error & { fromUpload?: boolean }) => {
      // Reading the form failed before any file: the form is broken.
      if (!(error instanceof AppError)) error.fromUpload = true
      throw error
    })
    if (!part) throw invalid([{ path: 'body.file', message: 'a file is required' }])
    upload = part.file
    const fields: Record<string, string> = {}
    for (const [name, field] of Object.entries(part.fields)) {
      const value = Array.isArray(field) ? field[0] : field
      if (value && value.type === 'field' && typeof value.value === 'string') fields[name] = value.value
    }
    return await use({ content: part.file, name: part.filename, mediaType: part.mimetype, fields })
  } catch (error) {
    // The form's stream itself failed (cut short, malformed): the sender's fault.
    if (upload?.errored === error) (error as { fromUpload?: boolean }).fromUpload = true
    else upload?.resume()
    throw uploadProblem(error)
  }
}

/**
 * An upload's refusal a person can act on at the form (too large, wrong type, a missing field), to
 * be shown next to the file field; rights (403), absence (404) and faults go to the error handler.
 */
export function shownOnForm(error: unknown): error is AppError {
  return error instanceof AppError && error.status < 500 && error.status !== 403 && error.status !== 404
}

/**
 * Reads the files of a multipart form into memory, by field name, for uploads small enough to hold
 * (a signed file and its detached data): each at most `maxBytes` (413 past it), the others ignored.
 * A form that breaks while read is a 400.
 */
export async function readFiles(
  req: FastifyRequest,
  names: readonly string[],
  maxBytes: number,
): Promise<Record<string, { bytes: Buffer; name: string | undefined }>> {
  const out: Record<string, { bytes: Buffer; name: string | undefined }> = {}
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: names.length } })) {
      if (part.type !== 'file') continue
      if (!names.includes(part.fieldname) || out[part.fieldname]) {
        part.file.resume()
        continue
      }
      const chunks: Buffer[] = []
      for await (const chunk of part.file) chunks.push(chunk as Buffer)
      if (part.file.truncated)
        throw new AppError(
          'FILE_TOO_LARGE',
          413,
          'The file is too large',
          `${part.fieldname}: more than ${maxBytes} bytes`,
        )
      out[part.fieldname] = { bytes: Buffer.concat(chunks), name: part.filename }
    }
  } catch (error) {
    if (!(error instanceof AppError)) (error as { fromUpload?: boolean }).fromUpload = true
    throw uploadProblem(error)
  }
  return out
}
