import { describe, expect, it } from 'vitest'
import { EventBus } from './events.js'

describe('event bus', () => {
  it('delivers an event to its listeners and to catch-all listeners', async () => {
    const bus = new EventBus()
    const seen: string[] = []
    bus.subscribe('office.created', (e) => {
      seen.push(`typed:${e.type}`)
    })
    bus.subscribe('*', (e) => {
      seen.push(`all:${e.type}`)
    })
    await bus.publish({ type: 'office.created', payload: {}, at: '2026-01-01T00:00:00.000Z' })
    await bus.publish({ type: 'user.created', payload: {}, at: '2026-01-01T00:00:00.000Z' })
    expect(seen).toEqual(['typed:office.created', 'all:office.created', 'all:user.created'])
  })

  it('reports a failing listener without stopping the others, and stops delivering after unsubscribe', async () => {
    const failures: string[] = []
    const bus = new EventBus((error) => failures.push(String(error)))
    let delivered = 0
    bus.subscribe('x', () => {
      throw new Error('boom')
    })
    const unsubscribe = bus.subscribe('x', () => {
      delivered += 1
    })
    await bus.publish({ type: 'x', payload: null, at: '' })
    unsubscribe()
    await bus.publish({ type: 'x', payload: null, at: '' })
    expect(delivered).toBe(1)
    expect(failures).toEqual(['Error: boom', 'Error: boom'])
  })
})
