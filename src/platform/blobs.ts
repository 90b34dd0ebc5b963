import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AppError } from './errors.js'

/** What a stored file is known by: its SHA-256 (hex), its size, and the type found in its first bytes. */
export interface StoredBlob {
  sha256: string
  size: number
  type: BlobType
}

/** Types recognised by their first bytes (never by a name or a client's word). */
export const BLOB_TYPES = ['pdf', 'xml', 'zip', 'der', 'png', 'jpeg', 'text', 'unknown'] as const
export type BlobType = (typeof BLOB_TYPES)[number]

export interface PutLimits {
  /** Larger content is refused with 413 and nothing is kept. */
  maxBytes: number
  /** When given, other types are refused with 415 and nothing is kept. */
  types?: readonly BlobType[]
  /** The type the sender declared (from its Content-Type); content of another type is refused with 415. */
  declared?: BlobType | undefined
}

/**
 * Files (signed documents, attachments, receipts) kept by their content: the same bytes are stored
 * once, whoever sends them. A port, so that a shared volume or an object store can stand behind it;
 * `fileBlobStore` is the implementation on a folder.
 */
export interface BlobStore {
  /** Streams content in, hashing and counting as it goes; kept only once complete and within limits. */
  put(content: Readable | Uint8Array, limits: PutLimits): Promise<StoredBlob>
  /** Streams content out; the stream fails at its end if the bytes no longer match their hash. */
  get(sha256: string): Promise<Readable>
  has(sha256: string): Promise<boolean>
  /** Removes a blob for good (documents destroyed with the archive's consent); nothing when absent. */
  remove(sha256: string): Promise<void>
  /** Every stored blob's SHA-256 (for backups). */
  list(): AsyncIterable<string>
}

const SHA256 = /^[0-9a-f]{64}$/

/** The type of content by its first bytes. */
export function sniffType(head: Uint8Array): BlobType {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b)
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf' // %PDF-
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'zip' // ASiC containers, office documents
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'png'
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg'
  if (starts(0x30, 0x82) || starts(0x30, 0x80)) return 'der' // CMS/PKCS#7 signatures, certificates
  const text = Buffer.from(head.subarray(0, 64))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
  if (text.startsWith('<?xml') || text.startsWith('<')) return 'xml'
  if (head.length > 0 && !head.subarray(0, 512).includes(0)) return 'text'
  return 'unknown'
}

const tooLarge = (maxBytes: number) =>
  new AppError('FILE_TOO_LARGE', 413, 'The file is too large', `At most ${maxBytes} bytes are accepted.`)
const wrongType = (type: BlobType, allowed: readonly BlobType[]) =>
  new AppError(
    'FILE_TYPE_REFUSED',
    415,
    'This kind of file is not accepted here',
    `The file looks like ${type}; accepted: ${allowed.join(', ')}.`,
  )

const notWhatItSays = (type: BlobType, declared: BlobType) =>
  new AppError(
    'FILE_TYPE_MISMATCH',
    415,
    'The file is not what its type says',
    `It was sent as ${declared} but its content is ${type}.`,
  )

/** The type a Content-Type declares, when it is one we can tell by content; undefined otherwise. */
export function declaredBlobType(mediaType: string | undefined): BlobType | undefined {
  const type = mediaType?.split(';')[0]?.trim().toLowerCase()
  const known: Record<string, BlobType> = {
    'application/pdf': 'pdf',
    'image/png': 'png',
    'image/jpeg': 'jpeg',
    'application/xml': 'xml',
    'text/xml': 'xml',
    'text/plain': 'text',
    'application/zip': 'zip',
  }
  return type ? known[type] : undefined
}

/** A name good for a download header: no path, no control characters, at most 200 characters. */
export function safeFileName(name: string | undefined, fallback = 'file'): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? ''
  // Control characters (C0, DEL) and quotes would break a header or a terminal; \p{Cc} names them.
  const clean = base
    .replace(/[\p{Cc}"]/gu, '')
    .trim()
    .slice(0, 200)
  return clean || fallback
}

/** The media type a stored blob is served with. */
export function mediaTypeOf(type: string): string {
  const types: Record<string, string> = {
    pdf: 'application/pdf',
    png: 'image/png',
    jpeg: 'image/jpeg',
    xml: 'application/xml',
    text: 'text/plain; charset=utf-8',
    zip: 'application/zip',
    der: 'application/pkcs7-signature',
  }
  return types[type] ?? 'application/octet-stream'
}

/**
 * Blobs in a folder, at `<root>/<aa>/<bb>/<sha256>`. A file is written to `<root>/tmp` first, flushed
 * to disk, and renamed into place only when complete, so a crash leaves either the whole file or
 * none; a file that is already there is not written again.
 */
export function fileBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new AppError('NOT_FOUND', 404, 'File not found')
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256)
  }
  let madeTmp = false
  // A stat of a local path: synchronous, because the asynchronous one builds an error (with its stack)
  // for every absent file, which cost more than the system call on the hot path of issuing receipts.
  const exists = async (path: string) => existsSync(path)

  return {
    async put(content, limits) {
      // Bytes in memory (a receipt, a document made here): already stored once is stored, without
      // writing and syncing a copy first.
      if (!(content instanceof Readable) && content.length <= limits.maxBytes) {
        const type = sniffType(content.subarray(0, 512))
        const sha256 = createHash('sha256').update(content).digest('hex')
        if (
          (!limits.types || limits.types.includes(type)) &&
          (!limits.declared || limits.declared === type) &&
          (await exists(pathOf(sha256)))
        )
          return { sha256, size: content.length, type }
      }
      const tmpDir = join(root, 'tmp')
      if (!madeTmp) {
        await mkdir(tmpDir, { recursive: true })
        madeTmp = true
      }
      const tmp = join(tmpDir, randomBytes(12).toString('hex'))
      const hash = createHash('sha256')
      let size = 0
      let head = Buffer.alloc(0)
      let type: BlobType = 'unknown'
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length
          if (size > limits.maxBytes) return done(tooLarge(limits.maxBytes))
          if (head.length < 512) {
            head = Buffer.concat([head, chunk]).subarray(0, 512)
            type = sniffType(head)
            // Decide as soon as the type can be told (it needs at most the first bytes).
            if (head.length >= 8) {
              if (limits.types && !limits.types.includes(type)) return done(wrongType(type, limits.types))
              if (limits.declared && limits.declared !== type)
                return done(notWhatItSays(type, limits.declared))
            }
          }
          hash.update(chunk)
          done(null, chunk)
        },
      })
      const source = content instanceof Readable ? content : Readable.from([Buffer.from(content)])
      try {
        await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx' }))
        if (limits.types && !limits.types.includes(type)) throw wrongType(type, limits.types)
        if (limits.declared && limits.declared !== type) throw notWhatItSays(type, limits.declared)
        const handle = await open(tmp, 'r')
        await handle.sync()
        await handle.close()
        const sha256 = hash.digest('hex')
        const target = pathOf(sha256)
        if (await exists(target)) await rm(tmp, { force: true })
        else {
          await mkdir(join(target, '..'), { recursive: true })
          await rename(tmp, target)
        }
        return { sha256, size, type }
      } catch (error) {
        // The temporary folder may have been removed (a restore): made again on the next put.
        madeTmp = false
        await rm(tmp, { force: true })
        throw error
      }
    },

    async get(sha256) {
      const path = pathOf(sha256)
      if (!(await exists(path))) throw new AppError('NOT_FOUND', 404, 'File not found')
      const hash = createHash('sha256')
      const verify = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk)
          done(null, chunk)
        },
        flush(done) {
          const actual = hash.digest('hex')
          done(
            actual === sha256
              ? null
              : new Error(`stored file ${sha256} is damaged: its content hashes to ${actual}`),
          )
        },
      })
      const read = createReadStream(path)
      read.on('error', (error) => verify.destroy(error))
      return read.pipe(verify)
    },

    async remove(sha256) {
      await rm(pathOf(sha256), { force: true })
    },

    async has(sha256) {
      return SHA256.test(sha256) && exists(pathOf(sha256))
    },

    async *list() {
      if (!(await exists(root))) return
      for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
        if (entry.isFile() && SHA256.test(entry.name) && !entry.parentPath.endsWith('tmp')) yield entry.name
      }
    },
  }
}
