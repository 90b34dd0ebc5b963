import { randomUUID } from 'node:crypto'
import type { Notifications } from './db/index.js'
import type { DomainEvent, EventBus, EventName } from './events.js'

/** A NOTIFY payload must stay under 8,000 bytes; a batch of events stays under this. */
const MOST_BYTES = 7_000

interface Message {
  from: string
  /** Sent since events were batched. */
  events?: DomainEvent[]
  /** Sent by instances before that (one event a message), still accepted during an upgrade. */
  event?: DomainEvent
}

/**
 * Carries chosen events between server instances that share one PostgreSQL database: an event
 * published here is sent with NOTIFY, and events from the other instances are published on this
 * instance's bus (boards hear every call, caches forget what another instance changed). Events that
 * came from elsewhere are not sent on again.
 *
 * Events published in one turn of the event loop go in one NOTIFY (a round trip each, and on a busy
 * instance many requests publish in the same turn), and the same event about the same thing (an
 * office's boards to refresh) goes once.
 */
export async function relayEvents(
  bus: EventBus,
  notifications: Notifications,
  types: readonly EventName[],
  onError: (error: unknown) => void,
): Promise<() => Promise<void>> {
  const instance = randomUUID()
  const arrived = new WeakSet<DomainEvent>()
  const stopListening = await notifications.listen((payload) => {
    try {
      const message = JSON.parse(payload) as Message
      if (message.from === instance) return
      for (const event of message.events ?? (message.event ? [message.event] : [])) {
        if (!(types as readonly string[]).includes(event.type)) continue
        arrived.add(event)
        void bus.publish(event)
      }
    } catch (error) {
      onError(error)
    }
  }, onError)

  /** Events waiting for this turn's NOTIFY, by what they say (type and payload): the last one kept. */
  let pending = new Map<string, { json: string; sent: (() => void)[] }>()
  const flush = async () => {
    const batch = [...pending.values()]
    pending = new Map()
    while (batch.length) {
      const part = [batch.shift()!]
      let bytes = part[0]!.json.length
      while (batch.length && bytes + batch[0]!.json.length + 1 <= MOST_BYTES) {
        bytes += batch[0]!.json.length + 1
        part.push(batch.shift()!)
      }
      await notifications
        .notify(`{"from":${JSON.stringify(instance)},"events":[${part.map((p) => p.json).join(',')}]}`)
        .catch(onError)
      for (const p of part) for (const sent of p.sent) sent()
    }
  }
  const send = (event: DomainEvent) =>
    new Promise<void>((resolve) => {
      const key = `${event.type}\u0000${JSON.stringify(event.payload)}`
      const earlier = pending.get(key)
      if (pending.size === 0) setImmediate(() => void flush())
      pending.set(key, { json: JSON.stringify(event), sent: [...(earlier?.sent ?? []), resolve] })
    })

  const unsubscribe = types.map((type) =>
    bus.subscribe(type, async (event) => {
      if (!arrived.has(event)) await send(event)
    }),
  )
  return async () => {
    for (const stop of unsubscribe) stop()
    await stopListening()
  }
}
