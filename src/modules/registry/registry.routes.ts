import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IfMatchHeaders, ifMatchVersion, setEtag } from '../../platform/http/etag.js'
import { problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import {
  AssignBody,
  DeliveredBody,
  type Direction,
  DispatchBody,
  EntryParams,
  EntryVersionsDto,
  IncomingBody,
  IncomingDto,
  IncomingPatch,
  ListQuery,
  OfficeParams,
  OutgoingBody,
  OutgoingDto,
  OutgoingPatch,
  VoidBody,
} from './registry.schemas.js'
import type { RegistryService } from './registry.service.js'

const tags = ['registry']
const changing = { ...problemResponses, 409: Type.Ref('Problem'), 412: Type.Ref('Problem') }
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'The same key gives back the same entry' }),
  ),
})
const listOfEntries = <T extends typeof IncomingDto | typeof OutgoingDto>(dto: T) =>
  Type.Object({ items: Type.Array(dto), nextCursor: Type.Union([Type.String(), Type.Null()]) })

/** The correspondence registers over HTTP: registration, reading, correction, void, assignment, dispatch. */
export function registryRoutes(registry: RegistryService) {
  return async (app: AppInstance) => {
    const auth = { onRequest: app.authenticate }

    app.post(
      '/api/v1/offices/:officeId/incoming',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Register an incoming letter: the next RPW number of the year (chancellery)',
          params: OfficeParams,
          headers: IdempotencyHeaders,
          body: IncomingBody,
          response: { 201: IncomingDto, ...changing },
        },
      },
      async (req, reply) => {
        const entry = await registry.registerIncoming(actorOf(req), req.params.officeId, req.body, {
          idempotencyKey: req.headers['idempotency-key'],
        })
        setEtag(reply, entry.version)
        return reply.code(201).send(entry as IncomingDto)
      },
    )

    app.post(
      '/api/v1/offices/:officeId/outgoing',
      {
        ...auth,
        schema: {
          tags,
          summary:
            'Register an outgoing letter: the next number of the outgoing register (chancellery, officer, head)',
          params: OfficeParams,
          headers: IdempotencyHeaders,
          body: OutgoingBody,
          response: { 201: OutgoingDto, ...changing },
        },
      },
      async (req, reply) => {
        const entry = await registry.registerOutgoing(actorOf(req), req.params.officeId, req.body, {
          idempotencyKey: req.headers['idempotency-key'],
        })
        setEtag(reply, entry.version)
        return reply.code(201).send(entry as OutgoingDto)
      },
    )

    app.patch(
      '/api/v1/incoming/:id',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Correct an incoming entry: a new version, the same number (chancellery)',
          params: EntryParams,
          headers: IfMatchHeaders,
          body: IncomingPatch,
          response: { 200: IncomingDto, ...changing },
        },
      },
      async (req, reply) => {
        const entry = await registry.update(
          actorOf(req),
          'incoming',
          req.params.id,
          req.body,
          ifMatchVersion(req),
        )
        setEtag(reply, entry.version)
        return entry as IncomingDto
      },
    )

    app.patch(
      '/api/v1/outgoing/:id',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Correct an outgoing entry before it leaves: a new version, the same number',
          params: EntryParams,
          headers: IfMatchHeaders,
          body: OutgoingPatch,
          response: { 200: OutgoingDto, ...changing },
        },
      },
      async (req, reply) => {
        const entry = await registry.update(
          actorOf(req),
          'outgoing',
          req.params.id,
          req.body,
          ifMatchVersion(req),
        )
        setEtag(reply, entry.version)
        return entry as OutgoingDto
      },
    )

    app.post(
      '/api/v1/incoming/:id/assign',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Give an incoming letter to a unit and optionally one officer (chancellery, head)',
          params: EntryParams,
          body: AssignBody,
          response: { 200: IncomingDto, ...changing },
        },
      },
      async (req) => (await registry.assign(actorOf(req), req.params.id, req.body)) as IncomingDto,
    )

    app.post(
      '/api/v1/outgoing/:id/dispatch',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Record that an outgoing letter left: when, how, tracking number (chancellery)',
          params: EntryParams,
          body: DispatchBody,
          response: { 200: OutgoingDto, ...changing },
        },
      },
      async (req) => (await registry.dispatch(actorOf(req), req.params.id, req.body)) as OutgoingDto,
    )

    app.post(
      '/api/v1/outgoing/:id/delivered',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Record the delivery of an outgoing letter, with its return receipt (chancellery)',
          params: EntryParams,
          body: DeliveredBody,
          response: { 200: OutgoingDto, ...changing },
        },
      },
      async (req) => (await registry.deliver(actorOf(req), req.params.id, req.body)) as OutgoingDto,
    )

    for (const direction of ['incoming', 'outgoing'] as const satisfies Direction[]) {
      const Dto = direction === 'incoming' ? IncomingDto : OutgoingDto
      app.get(
        `/api/v1/offices/:officeId/${direction}`,
        {
          ...auth,
          schema: {
            tags,
            summary: `A year's ${direction} register, newest first, cut to what the caller may see`,
            params: OfficeParams,
            querystring: ListQuery,
            response: { 200: listOfEntries(Dto), ...problemResponses },
          },
        },
        async (req) => registry.list(actorOf(req), req.params.officeId, direction, req.query),
      )

      app.get(
        `/api/v1/${direction}/:id`,
        {
          ...auth,
          schema: {
            tags,
            summary: `One ${direction} entry with its files`,
            params: EntryParams,
            response: { 200: Dto, ...problemResponses },
          },
        },
        async (req, reply) => {
          const entry = await registry.get(actorOf(req), direction, req.params.id)
          setEtag(reply, entry.version)
          return entry
        },
      )

      app.get(
        `/api/v1/${direction}/:id/versions`,
        {
          ...auth,
          schema: {
            tags,
            summary: `Every state of an ${direction} entry, with who changed it and when`,
            params: EntryParams,
            response: { 200: EntryVersionsDto, ...problemResponses },
          },
        },
        async (req) => registry.versions(actorOf(req), direction, req.params.id),
      )

      app.post(
        `/api/v1/${direction}/:id/void`,
        {
          ...auth,
          schema: {
            tags,
            summary: `Void a mistaken ${direction} entry: it keeps its number, with the reason`,
            params: EntryParams,
            body: VoidBody,
            response: { 200: Dto, ...changing },
          },
        },
        async (req) => registry.voidEntry(actorOf(req), direction, req.params.id, req.body.reason),
      )
    }
  }
}
