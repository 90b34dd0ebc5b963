import type { Clock } from '../platform/clock.js'
import type { Db } from '../platform/db/index.js'
import { countInWindow } from '../platform/rate-window.js'

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void

/**
 * A store for @fastify/rate-limit that counts in the database (`rate_windows`), so that a route's limit
 * holds across every instance behind the load balancer, and each request of a burst gets its own
 * count (the plugin's in-memory store counts per process).
 */
export function databaseRateLimitStore(db: Db, clock: Clock) {
  return class DatabaseRateLimitStore {
    readonly prefix: string
    /** The plugin constructs it with its options; `child` with a route's prefix. */
    constructor(prefix?: unknown) {
      this.prefix = typeof prefix === 'string' ? prefix : 'rate:'
    }

    incr(key: string, done: Callback, timeWindow: number): void {
      const now = clock.now()
      countInWindow(db, `${this.prefix}${key}`, timeWindow, now).then(
        ({ count, endsAt }) => done(null, { current: count, ttl: Math.max(0, endsAt - now.getTime()) }),
        (error: Error) => done(error),
      )
    }

    /** Each route counts on its own. */
    child(params: object): DatabaseRateLimitStore {
      // The plugin passes the route's merged limit options; `routeInfo` names the route.
      const route = (params as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo
      return new DatabaseRateLimitStore(`rate:${String(route?.method)} ${String(route?.url)}:`)
    }
  }
}
