import type { Db } from './db/index.js'
import type { EventMap, EventName } from './events.js'

type Reaction = (uow: Db, payload: never) => Promise<void>

/** What a publishing module is given: it tells its subscribers, it does not know them. */
export interface ReactionPublisher {
  publish<K extends EventName>(uow: Db, type: K, payload: EventMap[K]): Promise<number>
}

/**
 * In-transaction subscribers: reactions of another module that must hold or fail with the change
 * that causes them (an outgoing letter dispatched into a resident's e-service inbox, a case step
 * moving its application). The publisher calls `publish(trx, name, payload)` inside its unit of work;
 * each subscriber runs in turn through the same `trx`, and the first that fails fails the publisher,
 * whose whole transaction rolls back. Work that may come after the commit (mail, sealing, indexing)
 * is not a reaction but an outbox job, enqueued in the transaction (platform/jobs). The events a
 * module publishes after its commit, for listeners that may miss them, are `EventBus`'s.
 */
export class InTransactionReactions implements ReactionPublisher {
  readonly #reactions = new Map<string, Reaction[]>()

  /** Subscribes `reaction` to one event by name, its payload typed; returns how to unsubscribe. */
  on<K extends EventName>(type: K, reaction: (uow: Db, payload: EventMap[K]) => Promise<void>): () => void {
    const list = this.#reactions.get(type) ?? []
    list.push(reaction as Reaction)
    this.#reactions.set(type, list)
    return () => {
      const at = list.indexOf(reaction as Reaction)
      if (at >= 0) list.splice(at, 1)
    }
  }

  /**
   * Runs every reaction to the event, in the order they subscribed, inside `uow`; rethrows the first
   * failure. Returns how many reacted, for a publisher whose change means nothing without a taker.
   */
  async publish<K extends EventName>(uow: Db, type: K, payload: EventMap[K]): Promise<number> {
    const list = [...(this.#reactions.get(type) ?? [])]
    for (const reaction of list) await reaction(uow, payload as never)
    return list.length
  }
}
