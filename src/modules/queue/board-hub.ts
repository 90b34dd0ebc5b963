import type { ServerResponse } from 'node:http'
import type { EventBus } from '../../platform/events.js'
import { type CalledEvent, calledEventId, QUEUE_EVENTS } from './queue.context.js'
import type { BoardDto } from './queue.schemas.js'

/** How long a burst of changes is gathered before boards get fresh figures. */
const SETTLE_MS = 200
/** A comment line now and then keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000

/**
 * The live boards: every open `text/event-stream` per office. A call or recall goes out to all of
 * an office's boards at once (`event: called`, with its `id:`); changed waiting figures follow,
 * gathered, as `event: board`. Each message is serialised once, whatever the number of boards. A
 * board that reconnects with `Last-Event-ID` gets the board, then the calls it missed that still wait
 * for their person (read from the database, so whichever instance made them).
 */
export class BoardHub {
  readonly #streams = new Map<string, Set<ServerResponse>>()
  readonly #pending = new Map<string, NodeJS.Timeout>()
  readonly #heartbeat: NodeJS.Timeout

  constructor(
    bus: EventBus,
    private readonly board: (officeId: string) => Promise<BoardDto>,
    private readonly missedAfter: (officeId: string, lastEventId: string) => Promise<CalledEvent[]>,
    private readonly onError: (error: unknown) => void,
  ) {
    bus.subscribe(QUEUE_EVENTS.called, (event) => this.#send(event.payload.officeId, called(event.payload)))
    bus.subscribe(QUEUE_EVENTS.changed, (event) => this.#refreshSoon(event.payload.officeId))
    this.#heartbeat = setInterval(() => {
      for (const set of this.#streams.values()) for (const res of set) res.write(': still here\n\n')
    }, HEARTBEAT_MS)
    this.#heartbeat.unref()
  }

  /** Starts a stream: the current board first, the calls missed since `lastEventId`, then every change. */
  async open(officeId: string, res: ServerResponse, lastEventId?: string): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    // The browser reconnects by itself after a drop, after this many ms.
    res.write('retry: 3000\n\n')
    let set = this.#streams.get(officeId)
    if (!set) {
      set = new Set()
      this.#streams.set(officeId, set)
    }
    set.add(res)
    res.on('close', () => {
      set.delete(res)
      if (set.size === 0) this.#streams.delete(officeId)
    })
    res.write(message('board', await this.board(officeId)))
    if (lastEventId)
      for (const event of await this.missedAfter(officeId, lastEventId)) res.write(called(event))
  }

  subscribers(officeId: string): number {
    return this.#streams.get(officeId)?.size ?? 0
  }

  /** Ends every stream (server shutdown): boards reconnect to another instance or when it is back. */
  closeAll(): void {
    clearInterval(this.#heartbeat)
    for (const timer of this.#pending.values()) clearTimeout(timer)
    for (const set of this.#streams.values()) for (const res of set) res.end()
    this.#streams.clear()
  }

  #send(officeId: string, text: string): void {
    const set = this.#streams.get(officeId)
    if (!set?.size) return
    for (const res of set) res.write(text)
  }

  #refreshSoon(officeId: string): void {
    if (!this.#streams.get(officeId)?.size || this.#pending.has(officeId)) return
    this.#pending.set(
      officeId,
      setTimeout(() => {
        this.#pending.delete(officeId)
        this.board(officeId).then(
          (board) => this.#send(officeId, message('board', board)),
          (error) => this.onError(error),
        )
      }, SETTLE_MS),
    )
  }
}

function message(event: string, data: unknown, id?: string): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}

/** A call as the boards get it; the id marks the stream's place (a `board` message keeps it). */
function called(event: CalledEvent): string {
  return message('called', event, calledEventId(event))
}
