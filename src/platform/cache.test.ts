import { describe, expect, it } from 'vitest'
import { TtlCache } from './cache.js'
import { FixedClock } from './clock.js'

describe('TTL cache', () => {
  it('serves an entry until its time is up', () => {
    const clock = new FixedClock('2026-01-01T00:00:00Z')
    const cache = new TtlCache<string>({ ttlMs: 5000, maxEntries: 10, clock })
    cache.set('a', 'one')
    clock.advance(4999)
    expect(cache.get('a')).toBe('one')
    clock.advance(1)
    expect(cache.get('a')).toBeUndefined()
  })

  it('keeps at most maxEntries, dropping the oldest', () => {
    const cache = new TtlCache<number>({ ttlMs: 60_000, maxEntries: 2 })
    cache.set('a', 1)
    cache.set('b', 2)
    cache.set('c', 3)
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3])
    expect(cache.size).toBe(2)
  })

  it('loads once for many simultaneous callers', async () => {
    const cache = new TtlCache<number>({ ttlMs: 60_000, maxEntries: 10 })
    let loads = 0
    const load = async () => {
      loads += 1
      await new Promise((r) => setTimeout(r, 10))
      return 42
    }
    const values = await Promise.all(Array.from({ length: 20 }, () => cache.getOrLoad('k', load)))
    expect(values).toEqual(Array(20).fill(42))
    expect(loads).toBe(1)
  })

  it('does not keep a value that was loading when the cache was cleared', async () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000, maxEntries: 10 })
    let release: (v: string) => void = () => {}
    const stale = cache.getOrLoad('k', () => new Promise<string>((r) => (release = r)))
    cache.clear()
    release('old')
    expect(await stale).toBe('old')
    expect(await cache.getOrLoad('k', async () => 'new')).toBe('new')
  })

  it('loads alone, without waiting for a load under way, when asked to (a caller inside a transaction)', async () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000, maxEntries: 10 })
    let release: (v: string) => void = () => {}
    const outside = cache.getOrLoad('k', () => new Promise<string>((r) => (release = r)))
    // The load under way never finishes until the transaction's own load has: it must not be joined.
    expect(await cache.getOrLoad('k', async () => 'inside', { alone: true })).toBe('inside')
    release('outside')
    expect(await outside).toBe('outside')
  })
})
