import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import { fileBlobStore, sniffType } from '../../src/platform/blobs.js'

const MiB = 1024 * 1024
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 7), Buffer.from('\n%%EOF\n')])

function store() {
  const root = mkdtempSync(join(tmpdir(), 'ratusz-blobs-'))
  return { root, blobs: fileBlobStore(root) }
}

/** Every file under a folder, as paths relative to it. */
function filesIn(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
}

describe('the file blob store', () => {
  it('keeps content by its SHA-256 and gives the same bytes back', async () => {
    const { blobs } = store()
    const stored = await blobs.put(pdf, { maxBytes: MiB })
    expect(stored).toEqual({ sha256: sha(pdf), size: pdf.length, type: 'pdf' })
    expect(await blobs.has(stored.sha256)).toBe(true)
    expect(await buffer(await blobs.get(stored.sha256))).toEqual(pdf)
  })

  it('stores the same content once, however often and however it arrives', async () => {
    const { root, blobs } = store()
    const a = await blobs.put(pdf, { maxBytes: MiB })
    const b = await blobs.put(Readable.from([pdf.subarray(0, 100), pdf.subarray(100)]), { maxBytes: MiB })
    expect(b.sha256).toBe(a.sha256)
    expect(filesIn(root)).toEqual([join(a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256)])
  })

  it('refuses content over the size limit while it streams, keeping nothing', async () => {
    const { root, blobs } = store()
    let sent = 0
    // An endless source: the limit must stop it, not the end of the stream.
    const endless = new Readable({
      read() {
        sent += 64 * 1024
        this.push(Buffer.alloc(64 * 1024, 1))
      },
    })
    await expect(blobs.put(endless, { maxBytes: MiB })).rejects.toMatchObject({
      status: 413,
      code: 'FILE_TOO_LARGE',
    })
    expect(sent).toBeLessThan(4 * MiB)
    expect(filesIn(root)).toEqual([])
  })

  it('refuses a type it was not asked to accept, judged by the bytes', async () => {
    const { root, blobs } = store()
    const text = Buffer.from('%PDF pretending, but really plain text with no PDF header at all')
    await expect(blobs.put(text, { maxBytes: MiB, types: ['pdf', 'xml'] })).rejects.toMatchObject({
      status: 415,
      code: 'FILE_TYPE_REFUSED',
    })
    expect(filesIn(root)).toEqual([])
    expect((await blobs.put(pdf, { maxBytes: MiB, types: ['pdf', 'xml'] })).type).toBe('pdf')
  })

  it('leaves no half-written file when the sender breaks off', async () => {
    const { root, blobs } = store()
    const broken = new Readable({
      read() {
        this.push(Buffer.alloc(100_000, 2))
        this.destroy(new Error('connection reset'))
      },
    })
    await expect(blobs.put(broken, { maxBytes: MiB })).rejects.toThrow('connection reset')
    expect(filesIn(root)).toEqual([])
  })

  it('notices a stored file whose bytes were changed on disk', async () => {
    const { root, blobs } = store()
    const { sha256 } = await blobs.put(pdf, { maxBytes: MiB })
    const path = join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256)
    const damaged = readFileSync(path)
    damaged[200] = 0x42
    writeFileSync(path, damaged)
    await expect(buffer(await blobs.get(sha256))).rejects.toThrow(/is damaged/)
  })

  it('streams a file larger than memory would like, in and out', async () => {
    const { blobs } = store()
    const chunk = Buffer.alloc(MiB, 3)
    const hash = createHash('sha256')
    for (let i = 0; i < 40; i++) hash.update(chunk)
    const big = Readable.from(
      (function* () {
        for (let i = 0; i < 40; i++) yield chunk
      })(),
    )
    const stored = await blobs.put(big, { maxBytes: 64 * MiB })
    expect(stored).toMatchObject({ sha256: hash.digest('hex'), size: 40 * MiB })
    let size = 0
    for await (const part of await blobs.get(stored.sha256)) size += (part as Buffer).length
    expect(size).toBe(40 * MiB)
  })

  it('answers 404 for an unknown or malformed id, never a path outside the store', async () => {
    const { blobs } = store()
    await expect(blobs.get('0'.repeat(64))).rejects.toMatchObject({ status: 404 })
    await expect(blobs.get('../../etc/passwd')).rejects.toMatchObject({ status: 404 })
    expect(await blobs.has('../../etc/passwd')).toBe(false)
  })

  it('tells types by their first bytes', () => {
    expect(sniffType(Buffer.from('<?xml version="1.0"?><a/>'))).toBe('xml')
    expect(sniffType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe('zip')
    expect(sniffType(Buffer.from([0x30, 0x82, 0x05, 0x10]))).toBe('der')
    expect(sniffType(Buffer.from([0x00, 0x01, 0x02]))).toBe('unknown')
  })
})
