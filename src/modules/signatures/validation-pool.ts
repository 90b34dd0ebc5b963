import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { MessageChannel } from 'node:worker_threads'
import { Piscina } from 'piscina'
import type { SealOutcome, SealTask, ValidationOutcome, ValidationTask } from './validation-worker.js'

/** How long a task may wait for a worker to begin it (a busy pool, a worker starting) beyond its own limit. */
const START_ALLOWANCE_MS = 30_000

/** A validation that did not finish within its time: the worker running it was stopped. */
export class ValidationTimedOut extends Error {}

/**
 * Worker threads that validate signed files (Piscina), so that a hostile file which sends a parser into
 * a long loop or a large allocation costs a thread for `timeoutMs` at most, and its heap at most
 * `maxHeapMb`, never the server: the task is aborted and its worker replaced. From `dist/` the worker
 * is the compiled `.js`; from the sources (tests, `npm run dev`) the `.ts` under tsx.
 */
export function validationPool(options: { timeoutMs: number; maxHeapMb?: number }) {
  const compiled = new URL('./validation-worker.js', import.meta.url)
  const filename = existsSync(fileURLToPath(compiled))
    ? compiled.href
    : new URL('./validation-worker.ts', import.meta.url).href
  // Started on the first file to check, not with the app: most instances (and most tests) never
  // validate, and a worker thread costs ≈0.7 s of CPU to start (docs/performance.md#test-suite).
  let running: Piscina<ValidationTask | SealTask, ValidationOutcome | SealOutcome> | null = null
  const pool = () => {
    running ??= new Piscina<ValidationTask | SealTask, ValidationOutcome | SealOutcome>({
      filename,
      minThreads: 1,
      maxThreads: Math.max(2, Math.min(4, availableParallelism())),
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
      ...(filename.endsWith('.ts') ? { execArgv: ['--import', 'tsx'] } : {}),
    })
    return running
  }
  /**
   * Runs a task with its time limit counted from the moment a worker begins it (the worker says so on
   * a port of the task), so that waiting in the queue or for a new worker to start is not counted
   * against the file. Waiting and starting are bounded too, by a generous allowance.
   */
  async function timed(task: ValidationTask | SealTask, name?: string) {
    const { port1, port2 } = new MessageChannel()
    const controller = new AbortController()
    let limit = setTimeout(() => controller.abort(), options.timeoutMs + START_ALLOWANCE_MS)
    port1.once('message', () => {
      clearTimeout(limit)
      limit = setTimeout(() => controller.abort(), options.timeoutMs)
    })
    try {
      return await pool().run(
        { ...task, started: port2 },
        { signal: controller.signal, transferList: [port2], ...(name ? { name } : {}) },
      )
    } finally {
      clearTimeout(limit)
      port1.close()
    }
  }

  return {
    async run(task: ValidationTask): Promise<ValidationOutcome> {
      try {
        return (await timed(task)) as ValidationOutcome
      } catch (error) {
        if ((error as Error).name === 'AbortError')
          throw new ValidationTimedOut(`not checked within ${Math.round(options.timeoutMs / 1000)} s`)
        // A worker that ran out of memory is the file's doing too.
        if (
          /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(String((error as { code?: string }).code ?? error))
        )
          return { ok: false, reason: 'checking it took more memory than allowed' }
        throw error
      }
    },
    /** Seals an XML document in a worker thread (`seal` of the worker), within the same time limit. */
    async seal(task: SealTask): Promise<SealOutcome> {
      return (await timed(task, 'seal')) as SealOutcome
    },
    close: async () => {
      await running?.destroy()
    },
  }
}
