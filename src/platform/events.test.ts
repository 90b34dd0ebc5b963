import { describe, expect, it } from 'vitest'
import { EventBus } from './events.js'

declare module './events.js' {
  interface EventMap {
    'test.happened': { n: number }
  }
}

describe('event bus', () => {
  it('delivers an event to its listeners and to catch-all listeners', async () => {
    const bus = new EventBus()
    const seen: string[] = []
    bus.subscribe('test.happened', (e) => {
      // Typed by its name: the payload's fields are known here.
      seen.push(`typed:${e.type}:${e.payload.n}`)
    })
    bus.subscribe('*', (e) => {
      seen.push(`all:${e.type}`)
    })
    await bus.publish({ type: 'test.happened', payload: { n: 7 }, at: '2026-01-01T00:00:00.000Z' })
    await bus.publish({ type: 'user.created', payload: {}, at: '2026-01-01T00:00:00.000Z' })
    expect(seen).toEqual(['typed:test.happened:7', 'all:test.happened', 'all:user.created'])
  })

  it('reports a failing listener without stopping the others, and stops delivering after unsubscribe', async () => {
    const failures: string[] = []
    const bus = new EventBus((error) => failures.push(String(error)))
    let delivered = 0
    bus.subscribe('test.happened', () => {
      throw new Error('boom')
    })
    const unsubscribe = bus.subscribe('test.happened', () => {
      delivered += 1
    })
    await bus.publish({ type: 'test.happened', payload: { n: 1 }, at: '' })
    unsubscribe()
    await bus.publish({ type: 'test.happened', payload: { n: 1 }, at: '' })
    expect(delivered).toBe(1)
    expect(failures).toEqual(['Error: boom', 'Error: boom'])
  })
})
