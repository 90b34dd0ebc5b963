import { randomUUID } from 'node:crypto'
import type { Notifications } from './db/index.js'
import type { DomainEvent, EventBus, EventName } from './events.js'

/**
 * Carries chosen events between server instances that share one PostgreSQL database: an event
 * published here is sent with NOTIFY, and events from the other instances are published on this
 * instance's bus (boards hear every call, caches forget what another instance changed). Events that
 * came from elsewhere are not sent on again.
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
      const message = JSON.parse(payload) as { from: string; event: DomainEvent }
      if (message.from === instance || !(types as readonly string[]).includes(message.event.type)) return
      arrived.add(message.event)
      void bus.publish(message.event)
    } catch (error) {
      onError(error)
    }
  }, onError)
  const unsubscribe = types.map((type) =>
    bus.subscribe(type, async (event) => {
      if (arrived.has(event)) return
      await notifications.notify(JSON.stringify({ from: instance, event })).catch(onError)
    }),
  )
  return async () => {
    for (const stop of unsubscribe) stop()
    await stopListening()
  }
}
