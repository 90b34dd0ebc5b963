import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import type { SealOutcome, SealTask, ValidationOutcome, ValidationTask } from './validation-worker.js'

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
  const pool = new Piscina<ValidationTask | SealTask, ValidationOutcome | SealOutcome>({
    filename,
    minThreads: 1,
    maxThreads: Math.max(2, Math.min(4, availableParallelism())),
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
    ...(filename.endsWith('.ts') ? { execArgv: ['--import', 'tsx'] } : {}),
  })
  return {
    async run(task: ValidationTask): Promise<ValidationOutcome> {
      try {
        return (await pool.run(task, { signal: AbortSignal.timeout(options.timeoutMs) })) as ValidationOutcome
      } catch (error) {
        if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError')
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
      return (await pool.run(task, {
        name: 'seal',
        signal: AbortSignal.timeout(options.timeoutMs),
      })) as SealOutcome
    },
    close: () => pool.destroy(),
  }
}
