/** A domain event: something that happened, named in the past tense (`office.created`). */
export interface DomainEvent<T extends string = string, P = unknown> {
  type: T
  payload: P
  /** When it happened (ISO-8601). */
  at: string
}

type Handler = (event: DomainEvent) => void | Promise<void>

/**
 * The in-process event bus. Modules publish after their transaction commits; listeners (audit,
 * quality, notifications) react without the publisher knowing them. A failing listener is reported
 * to `onError` and never breaks the publisher or the other listeners.
 */
export class EventBus {
  readonly #handlers = new Map<string, Set<Handler>>()
  constructor(private readonly onError: (error: unknown, event: DomainEvent) => void = () => {}) {}

  subscribe(type: string | '*', handler: Handler): () => void {
    let set = this.#handlers.get(type)
    if (!set) {
      set = new Set()
      this.#handlers.set(type, set)
    }
    set.add(handler)
    return () => set.delete(handler)
  }

  async publish(event: DomainEvent): Promise<void> {
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
