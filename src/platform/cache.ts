import { type Clock, systemClock } from './clock.js'

export interface TtlCacheOptions {
  /** How long an entry stays fresh. */
  ttlMs: number
  /** The most entries kept; the oldest goes first beyond that, so hostile keys cannot grow memory. */
  maxEntries: number
  clock?: Clock
}

/**
 * A small in-memory cache with a time-to-live, for read models that change rarely and are read on
 * every public page (offices, rendered pages). With several instances, an entry is at most `ttlMs`
 * stale; the instance that made a change clears its own cache at once.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: V; expires: number }>()
  readonly #loading = new Map<string, Promise<V>>()
  readonly #clock: Clock
  #generation = 0

  constructor(private readonly options: TtlCacheOptions) {
    this.#clock = options.clock ?? systemClock
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (entry.expires <= this.#clock.now().getTime()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry.value
  }

  set(key: string, value: V): void {
    this.#entries.delete(key)
    this.#entries.set(key, { value, expires: this.#clock.now().getTime() + this.options.ttlMs })
    if (this.#entries.size > this.options.maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
  }

  /**
   * The cached value, or the loader's, loading once however many callers ask at the same time.
   * `alone`: load without joining a load already under way. A caller inside a database transaction
   * must: on SQLite's one connection, a load started outside it waits for the transaction to end,
   * and the transaction waiting for that load would wait forever.
   */
  async getOrLoad(key: string, load: () => Promise<V>, options: { alone?: boolean } = {}): Promise<V> {
    const cached = this.get(key)
    if (cached !== undefined) return cached
    if (options.alone) {
      const generation = this.#generation
      const value = await load()
      if (generation === this.#generation) this.set(key, value)
      return value
    }
    const pending = this.#loading.get(key)
    if (pending) return pending
    const generation = this.#generation
    const loading = load()
      .then((value) => {
        // A value loaded before a clear() may already be out of date: hand it out, do not keep it.
        if (generation === this.#generation) this.set(key, value)
        return value
      })
      .finally(() => this.#loading.delete(key))
    this.#loading.set(key, loading)
    return loading
  }

  clear(): void {
    this.#generation += 1
    this.#entries.clear()
    this.#loading.clear()
  }

  get size(): number {
    return this.#entries.size
  }
}
