/**
 * Every event's payload by its name. Empty here: each module adds its own events to it by
 * declaration merging (`declare module '…/platform/events.js' { interface EventMap { … } }`), so that
 * publishing and subscribing are typed per event name without the platform knowing the modules.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules.
export interface EventMap {}

export type EventName = keyof EventMap & string

/** A domain event: something that happened, named in the past tense (`office.created`). */
export interface DomainEvent<T extends string = string, P = unknown> {
  type: T
  payload: P
  /** When it happened (ISO-8601). */
  at: string
}

/** An event of the map: its payload typed by its name. */
export type KnownEvent<K extends EventName = EventName> = { [N in K]: DomainEvent<N, EventMap[N]> }[K]

type Handler = (event: DomainEvent) => void | Promise<void>

/**
 * The in-process event bus. Modules publish after their transaction commits; listeners (audit,
 * quality, notifications) react without the publisher knowing them. A failing listener is reported
 * to `onError` and never breaks the publisher or the other listeners.
 */
export class EventBus {
  readonly #handlers = new Map<string, Set<Handler>>()
  constructor(private readonly onError: (error: unknown, event: DomainEvent) => void = () => {}) {}

  /** Listens to one event by name (its payload typed), or to every event with `'*'`. */
  subscribe<K extends EventName>(type: K, handler: (event: KnownEvent<K>) => void | Promise<void>): () => void
  subscribe(type: '*', handler: Handler): () => void
  subscribe(type: string, handler: Handler): () => void {
    let set = this.#handlers.get(type)
    if (!set) {
      set = new Set()
      this.#handlers.set(type, set)
    }
    set.add(handler)
    return () => set.delete(handler)
  }

  /** Publishes an event of the map; events carried from another instance come in as they were sent. */
  async publish(event: KnownEvent | DomainEvent): Promise<void> {
    const handlers = [...(this.#handlers.get(event.type) ?? []), ...(this.#handlers.get('*') ?? [])]
    await Promise.all(
      handlers.map(async (handler) => {
        try {
          await handler(event)
        } catch (error) {
          this.onError(error, event)
        }
      }),
    )
  }
}
