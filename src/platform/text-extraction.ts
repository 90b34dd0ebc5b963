import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import type { BlobType } from './blobs.js'

/** How far the extraction of one file may go before it is given up. */
export interface ExtractionLimits {
  /** Files larger than this are not read at all (a scan of 200 MB has no text layer worth it). */
  maxBytes: number
  /** Pages read from a PDF; the rest is left out. */
  maxPages: number
  /** Characters kept; the rest is cut. */
  maxChars: number
  /** Time a PDF may take; the worker is stopped after it. */
  timeoutMs: number
  /** Heap the PDF parser may use. */
  maxHeapMb: number
  /** Memory the reader's process may hold in all (heap and decompressed streams); it is killed past it. */
  maxMemoryMb: number
}

export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxPages: 500,
  maxChars: 1_000_000,
  timeoutMs: 30_000,
  maxHeapMb: 256,
  maxMemoryMb: 512,
}

export type Extracted =
  | { status: 'done'; text: string; pages?: number; truncated: boolean }
  /** Nothing to read: an image, a PDF without a text layer, a kind we do not read. */
  | { status: 'none'; text: ''; reason: string }
  /** The file was not read to the end: too large, too slow, too hungry, or broken. */
  | { status: 'refused'; text: ''; reason: string }

const PDFJS = pathToFileURL(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs')).href

/**
 * The reader's code, run in a child process: pdf.js (Mozilla's parser) reads the pages' text from the
 * bytes on its standard input, without evaluating anything the file carries and without fonts, and
 * writes `{ text, pages, truncated }` as JSON. Kept as a string so it runs the same from `src/`
 * (tests) and `dist/`.
 */
const READER = `
const [pdfjs, maxPages, maxChars] = JSON.parse(process.argv[1])
const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const { getDocument } = await import(pdfjs)
try {
  const task = getDocument({
    data: new Uint8Array(Buffer.concat(chunks)),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  })
  const pdf = await task.promise
  const pages = Math.min(pdf.numPages, maxPages)
  let text = ''
  let truncated = pdf.numPages > pages
  for (let i = 1; i <= pages; i++) {
    const page = await pdf.getPage(i)
    const content = await page.getTextContent()
    for (const item of content.items) if (typeof item.str === 'string') text += item.str + (item.hasEOL ? '\\n' : ' ')
    text += '\\n'
    page.cleanup()
    if (text.length > maxChars) { truncated = true; break }
  }
  await task.destroy()
  process.stdout.write(JSON.stringify({ text: text.slice(0, maxChars), pages: pdf.numPages, truncated }))
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String((error && error.message) || error) }))
}
`

/** The resident memory of a process, from /proc (Linux); null where it cannot be read. */
async function residentBytes(pid: number): Promise<number | null> {
  try {
    const statm = await readFile(`/proc/${pid}/statm`, 'utf8')
    return Number(statm.split(' ')[1]) * 4096
  } catch {
    return null
  }
}

/**
 * Runs pdf.js on `data` in a child process: its heap is capped, its whole memory (decompressed
 * streams live outside the heap, so a "PDF bomb" of 1 MB inflates to gigabytes there) is watched and
 * the process killed past the limit, and so is a reader that takes too long. The server's own memory
 * and time are never at stake.
 */
function pdfText(data: Uint8Array, limits: ExtractionLimits): Promise<Extracted> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${limits.maxHeapMb}`,
        '--input-type=module',
        '-e',
        READER,
        JSON.stringify([PDFJS, limits.maxPages, limits.maxChars]),
      ],
      { stdio: ['pipe', 'pipe', 'ignore'] },
    )
    let settled = false
    const out: Buffer[] = []
    const settle = (outcome: Extracted) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearInterval(watch)
      child.kill('SIGKILL')
      resolve(outcome)
    }
    const refuse = (reason: string) => settle({ status: 'refused', text: '', reason })
    const timer = setTimeout(() => refuse(`not read within ${limits.timeoutMs} ms`), limits.timeoutMs)
    const budget = limits.maxMemoryMb * 1024 * 1024
    const watch = setInterval(async () => {
      const rss = child.pid ? await residentBytes(child.pid) : null
      if (rss !== null && rss > budget) refuse(`needed more than ${limits.maxMemoryMb} MB to read`)
    }, 25)
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.on('error', (error) => refuse(`the reader did not start: ${error.message}`))
    child.on('close', (code, signal) => {
      if (code !== 0) return refuse(`the reader stopped (${signal ?? code})`)
      let message: { text?: string; pages?: number; truncated?: boolean; error?: string }
      try {
        message = JSON.parse(Buffer.concat(out).toString('utf8'))
      } catch {
        return refuse('the reader gave no answer')
      }
      if (message.error !== undefined) return refuse(`not a readable PDF: ${message.error}`)
      const text = normalise(message.text ?? '')
      settle(
        text
          ? { status: 'done', text, pages: message.pages ?? 0, truncated: message.truncated ?? false }
          : { status: 'none', text: '', reason: 'the PDF has no text layer (a scan?)' },
      )
    })
    // A reader that dies early closes its input: that is its answer, not ours to throw.
    child.stdin.on('error', () => {})
    child.stdin.end(data)
  })
}

/** Spaces and lines folded: what search and a preview need, not the layout. */
function normalise(text: string): string {
  return text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
}

/**
 * The text of a stored file, for search: a PDF's text layer read by pdf.js in a child process (a
 * hostile PDF can exhaust that process's memory or time, never the server's), plain text as UTF-8;
 * images, XML and containers are not read (XML is never parsed here, so its entities cannot expand).
 */
export async function extractText(
  data: Uint8Array,
  type: BlobType,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
): Promise<Extracted> {
  if (data.byteLength > limits.maxBytes)
    return { status: 'refused', text: '', reason: `larger than ${limits.maxBytes} bytes` }
  if (type === 'text') {
    const decoded = normalise(new TextDecoder('utf-8').decode(data))
    if (!decoded) return { status: 'none', text: '', reason: 'empty' }
    return {
      status: 'done',
      text: decoded.slice(0, limits.maxChars),
      truncated: decoded.length > limits.maxChars,
    }
  }
  if (type === 'pdf') return pdfText(data, limits)
  return { status: 'none', text: '', reason: `a ${type} file has no text to read` }
}
