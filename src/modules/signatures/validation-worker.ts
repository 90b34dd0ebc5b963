import { readFile } from 'node:fs/promises'
import type { MessagePort } from 'node:worker_threads'
import * as pkijs from 'pkijs'
import { parseDer } from './certificates.js'
import { NotASignature } from './cms-validation.js'
import type { SignatureReport } from './report.js'
import { crlRevocation, type RevocationCheck } from './revocation.js'
import { sealXmlWith } from './seal-xades.js'
import { requestTimeStamp, TimeStampUnavailable } from './time-stamps.js'
import { validateFile } from './validate-file.js'

/** A task's port, on which the worker says that it has begun (the time limit counts from then). */
interface Timed {
  started?: MessagePort
}

/** One validation, as the pool hands it to a worker thread. */
export interface ValidationTask extends Timed {
  file: Uint8Array
  data: Uint8Array | null
  /** The trust store: a key that changes with it, and its certificates (DER, base64), sent only when asked for. */
  anchors: { key: string; ders: readonly string[] | null }
  now: string
  revocation: 'online' | 'offline'
  /** A CRL this instance publishes itself (the demo CA's): its address and where it lies. */
  localCrl: { url: string; path: string } | null
}

export type ValidationOutcome =
  | { ok: true; valid: boolean; signatures: SignatureReport[] }
  | { ok: false; reason: string; anchorsWanted?: true }

let anchors: { key: string; certs: pkijs.Certificate[] } | null = null
const revocations = new Map<string, RevocationCheck>()

/**
 * A worker thread's validation: the trust store parsed once per version of it, the revocation checker
 * (and its CRL cache) kept per mode, the file validated; a file that is not a signature is an outcome,
 * not an error, so that its reason crosses the thread intact.
 */
export default async function validate(task: ValidationTask): Promise<ValidationOutcome> {
  task.started?.postMessage(null)
  if (anchors?.key !== task.anchors.key) {
    // A version of the trust store this worker has not seen: asked for, once.
    if (!task.anchors.ders) return { ok: false, reason: 'the trust store is needed', anchorsWanted: true }
    anchors = {
      key: task.anchors.key,
      certs: task.anchors.ders.map(
        (der) => new pkijs.Certificate({ schema: parseDer(Buffer.from(der, 'base64')) ?? undefined }),
      ),
    }
  }
  const local = task.localCrl
  const revocationKey = `${task.revocation} ${local?.url ?? ''}`
  let revocation = revocations.get(revocationKey)
  if (!revocation) {
    revocation = crlRevocation(task.revocation, 5000, async (url) =>
      local && url === local.url ? readFile(local.path).catch(() => null) : null,
    )
    revocations.set(revocationKey, revocation)
  }
  try {
    const result = await validateFile(
      Buffer.from(task.file),
      task.data ? Buffer.from(task.data) : null,
      anchors.certs,
      new Date(task.now),
      revocation,
    )
    return { ok: true, ...result }
  } catch (error) {
    return {
      ok: false,
      reason: error instanceof NotASignature ? error.message : 'its structure could not be read',
    }
  }
}

/** One XML document to seal in a worker thread, with the key prepared; `tsaUrl` for level T. */
export interface SealTask extends Timed {
  xml: Uint8Array
  key: { privateKeyPem: string; certDers: Uint8Array[]; ecdsa: boolean }
  at: string
  tsaUrl: string | null
}

export type SealOutcome =
  | { ok: true; bytes: Uint8Array; stamped: boolean }
  | { ok: false; reason: string; timeStampUnavailable: boolean }

/**
 * Seals an XML document off the main thread (the canonicalisation and the signature are the costly
 * part of issuing a receipt). A time-stamping authority that cannot be reached is an outcome, so that
 * the caller may seal at level B instead; a document that cannot be sealed is one too.
 */
export async function seal(task: SealTask): Promise<SealOutcome> {
  task.started?.postMessage(null)
  const tsaUrl = task.tsaUrl
  try {
    const bytes = await sealXmlWith(
      Buffer.from(task.xml),
      { ...task.key, certDers: task.key.certDers.map((d) => Buffer.from(d)) },
      {
        at: new Date(task.at),
        ...(tsaUrl ? { timeStamp: (value: Buffer) => requestTimeStamp(tsaUrl, value) } : {}),
      },
    )
    return { ok: true, bytes: new Uint8Array(bytes), stamped: tsaUrl !== null }
  } catch (error) {
    return {
      ok: false,
      reason: (error as Error).message,
      timeStampUnavailable: error instanceof TimeStampUnavailable,
    }
  }
}
