import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IdParams, listOf, problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import type { BoardHub } from './board-hub.js'
import {
  BoardDto,
  DeskBody,
  DeskDto,
  DeskQueuesBody,
  FinishBody,
  PolicyBody,
  PolicyDto,
  QueueBody,
  QueueDto,
  QueueStatsDto,
  QueueStatsQuery,
  TicketActionDto,
  TicketBody,
  TicketDto,
  TransferBody,
} from './queue.schemas.js'
import type { QueueService } from './queue.service.js'

const tags = ['queue']
const changing = { ...problemResponses, 409: Type.Ref('Problem') }
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'The same key gives back the same ticket' }),
  ),
})

const LastEventIdHeaders = Type.Object({
  'last-event-id': Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'The id of the last `called` event received (on reconnecting)',
    }),
  ),
})

/** The electronic queue over HTTP: set-up by managers, tickets, desk work, and the public board. */
export function queueRoutes(queue: QueueService, hub: BoardHub) {
  return async (app: AppInstance) => {
    const auth = { onRequest: app.authenticate }

    app.post(
      '/api/v1/offices/:id/queues',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Add a queue to an office',
          params: IdParams,
          body: QueueBody,
          response: { 201: QueueDto, ...changing },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await queue.createQueue(actorOf(req), req.params.id, req.body)),
    )

    app.get(
      '/api/v1/offices/:id/queues',
      {
        schema: {
          tags,
          summary: 'Queues of an office (public: kiosks and booking pages list them)',
          security: [],
          params: IdParams,
          response: { 200: listOf(QueueDto), ...problemResponses },
        },
      },
      async (req) => ({ items: await queue.listQueues(req.params.id) }),
    )

    app.get(
      '/api/v1/offices/:id/queue-policy',
      {
        ...auth,
        schema: {
          tags,
          summary: 'The fairness policy of call-next',
          params: IdParams,
          response: { 200: PolicyDto, ...problemResponses },
        },
      },
      async (req) => queue.getPolicy(actorOf(req), req.params.id),
    )

    app.put(
      '/api/v1/offices/:id/queue-policy',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Set the fairness policy of call-next',
          description:
            'null disables a limit. Priority categories must include none, disability, pregnancy and small-child.',
          params: IdParams,
          body: PolicyBody,
          response: { 200: PolicyDto, ...changing },
        },
      },
      async (req) => queue.putPolicy(actorOf(req), req.params.id, req.body),
    )

    app.get(
      '/api/v1/offices/:id/desks',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Desks of an office, who works at them, what they serve',
          params: IdParams,
          response: { 200: listOf(DeskDto), ...problemResponses },
        },
      },
      async (req) => ({ items: await queue.listDesks(actorOf(req), req.params.id) }),
    )

    app.post(
      '/api/v1/offices/:id/desks',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Add a desk and the queues it serves',
          params: IdParams,
          body: DeskBody,
          response: { 201: DeskDto, ...changing },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await queue.createDesk(actorOf(req), req.params.id, req.body)),
    )

    app.put(
      '/api/v1/desks/:id/queues',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Set the queues a desk serves',
          params: IdParams,
          body: DeskQueuesBody,
          response: { 200: DeskDto, ...changing },
        },
      },
      async (req) => queue.setDeskQueues(actorOf(req), req.params.id, req.body),
    )

    for (const action of ['open', 'close'] as const)
      app.post(
        `/api/v1/desks/:id/${action}`,
        {
          ...auth,
          schema: {
            tags,
            summary:
              action === 'open'
                ? 'Sit down at a desk (one clerk per desk, one desk per clerk)'
                : 'Leave a desk',
            params: IdParams,
            response: { 200: DeskDto, ...changing },
          },
        },
        async (req) =>
          action === 'open'
            ? queue.openDesk(actorOf(req), req.params.id)
            : queue.closeDesk(actorOf(req), req.params.id),
      )

    app.post(
      '/api/v1/offices/:id/tickets',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Issue a ticket (staff, or a kiosk device of the office)',
          params: IdParams,
          headers: IdempotencyHeaders,
          body: TicketBody,
          response: { 201: TicketDto, ...changing },
        },
      },
      async (req, reply) =>
        reply.code(201).send(
          await queue.issueTicket(actorOf(req), req.params.id, req.body, {
            idempotencyKey: req.headers['idempotency-key'],
          }),
        ),
    )

    app.get(
      '/api/v1/tickets/:id',
      {
        onRequest: app.authenticateIfPresent,
        schema: {
          tags,
          summary: 'A ticket (public through its link; staff of the office also see the consultation topic)',
          security: [],
          params: IdParams,
          response: { 200: TicketDto, ...problemResponses },
        },
      },
      async (req) => queue.getTicket(req.actor ?? null, req.params.id),
    )

    app.get(
      '/api/v1/tickets/:id/history',
      {
        ...auth,
        schema: {
          tags,
          summary: 'What was done with a ticket, oldest first: its action log (staff of its office)',
          params: IdParams,
          response: { 200: listOf(TicketActionDto), ...problemResponses },
        },
      },
      async (req) => ({ items: await queue.ticketHistory(actorOf(req), req.params.id) }),
    )

    app.post(
      '/api/v1/desks/:id/call-next',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Call the next ticket to this desk by the fairness policy',
          description:
            'Closes the desk’s current ticket first (served if started, otherwise a no-show), recorded in the audit trail as its own finish or no-show and told in `closed`; a clerk who means otherwise finishes, marks or parks it first. 204: nothing waits for this desk (a ticket closed on the way is then told in the `Closed-Ticket` header).',
          params: IdParams,
          response: {
            200: TicketDto,
            204: Type.Null({
              description: 'Nothing to call',
              headers: {
                'Closed-Ticket': Type.String({
                  description: 'The ticket closed on the way, as `<id>; number=A001; status=served|no-show`',
                }),
              },
            }),
            ...changing,
          },
        },
      },
      async (req, reply) => {
        const { ticket, closed } = await queue.callNext(actorOf(req), req.params.id)
        if (ticket) return ticket
        if (closed)
          reply.header('Closed-Ticket', `${closed.id}; number=${closed.number}; status=${closed.status}`)
        return reply.code(204).send(null)
      },
    )

    const actions = {
      call: {
        summary: 'Call this waiting ticket to your desk out of turn (recorded as such)',
        run: queue.callTicket,
      },
      recall: { summary: 'Announce the ticket again (counts recalls)', run: queue.recall },
      start: { summary: 'Start serving the called ticket', run: queue.start },
      'no-show': { summary: 'The called person did not come', run: queue.noShow },
      park: { summary: 'Put the ticket aside (the person stepped away)', run: queue.park },
      resume: { summary: 'Bring a parked ticket back to your desk', run: queue.resume },
      reactivate: {
        summary: 'A no-show came back within the window: waits again with the original arrival',
        run: queue.reactivate,
      },
    } as const
    for (const [action, { summary, run }] of Object.entries(actions))
      app.post(
        `/api/v1/tickets/:id/${action}`,
        { ...auth, schema: { tags, summary, params: IdParams, response: { 200: TicketDto, ...changing } } },
        async (req) => run(actorOf(req), req.params.id),
      )

    app.post(
      '/api/v1/tickets/:id/finish',
      {
        ...auth,
        // The body is optional: a finish without a topic sends none.
        preValidation: async (req) => {
          req.body ??= {}
        },
        schema: {
          tags,
          summary: 'Finish serving (optionally with the consultation topic)',
          params: IdParams,
          body: FinishBody,
          response: { 200: TicketDto, ...changing },
        },
      },
      async (req) => queue.finish(actorOf(req), req.params.id, req.body.topic),
    )

    app.post(
      '/api/v1/tickets/:id/transfer',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Send the ticket to another queue or desk, keeping its number and arrival',
          params: IdParams,
          body: TransferBody,
          response: { 200: TicketDto, ...changing },
        },
      },
      async (req) => queue.transfer(actorOf(req), req.params.id, req.body),
    )

    app.get(
      '/api/v1/offices/:id/queue-stats',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Quality figures of the office’s queues over some days',
          description:
            'Per queue: tickets issued, served, no-shows, expired, still open; average wait (arrival to first call) and service time (call to finish); and how good the wait estimates told at issue were.',
          params: IdParams,
          querystring: QueueStatsQuery,
          response: { 200: QueueStatsDto, ...problemResponses },
        },
      },
      async (req) => queue.stats(actorOf(req), req.params.id, req.query),
    )

    app.get(
      '/api/v1/offices/:id/board',
      {
        schema: {
          tags,
          summary: 'The hall board: latest calls, waiting and estimated wait per queue (no personal data)',
          security: [],
          params: IdParams,
          response: { 200: BoardDto, ...problemResponses },
        },
      },
      async (req) => queue.board(req.params.id),
    )

    app.get(
      '/api/v1/offices/:id/board/events',
      {
        schema: {
          tags,
          summary: 'The board live, as server-sent events',
          description:
            '`event: board` carries the board (first on connect, then after changes); `event: called` one call or recall: `{ officeId, number, deskName, calledAt, recallCount }`, with an `id:`. A client that reconnects with `Last-Event-ID` (EventSource does) gets the board, then the calls made after that id that still wait for their person (at most 20). See docs/api.md.',
          headers: LastEventIdHeaders,
          security: [],
          params: IdParams,
          produces: ['text/event-stream'],
          response: { 200: Type.String({ description: 'text/event-stream' }), ...problemResponses },
        },
      },
      async (req, reply) => {
        await queue.board(req.params.id) // 404 for an unknown office, before the stream starts
        // HEAD: the stream's headers, and no stream to wait on.
        if (req.method === 'HEAD')
          return reply.type('text/event-stream; charset=utf-8').header('cache-control', 'no-cache').send()
        reply.hijack()
        await hub.open(req.params.id, reply.raw, req.headers['last-event-id'])
      },
    )
  }
}
