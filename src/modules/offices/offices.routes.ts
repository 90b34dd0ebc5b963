import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IfMatchHeaders, ifMatchVersion, setEtag } from '../../platform/http/etag.js'
import { IdParams, listOf, MultilingualText, problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import {
  CreateOfficeBody,
  DateParams,
  HoursExceptionBody,
  HoursExceptionDto,
  OfficeDto,
  UnitBody,
  UnitDto,
  UpdateOfficeBody,
} from './offices.schemas.js'
import type { OfficesService } from './offices.service.js'

const tags = ['offices']
const changing = { ...problemResponses, 409: Type.Ref('Problem'), 412: Type.Ref('Problem') }

export function officesRoutes(offices: OfficesService) {
  return async (app: AppInstance) => {
    const auth = { onRequest: app.authenticate }

    app.get(
      '/api/v1/offices',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Offices the caller may see',
          response: { 200: listOf(OfficeDto), ...problemResponses },
        },
      },
      async (req) => ({ items: await offices.listOffices(actorOf(req)) }),
    )

    app.post(
      '/api/v1/offices',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Create an office (admin)',
          body: CreateOfficeBody,
          response: { 201: OfficeDto, ...changing },
        },
      },
      async (req, reply) => {
        const office = await offices.createOffice(actorOf(req), req.body)
        setEtag(reply, office.version)
        return reply.code(201).header('location', `/api/v1/offices/${office.id}`).send(office)
      },
    )

    app.get(
      '/api/v1/offices/:id',
      {
        ...auth,
        schema: {
          tags,
          summary: 'One office',
          params: IdParams,
          response: { 200: OfficeDto, ...problemResponses },
        },
      },
      async (req, reply) => {
        const office = await offices.getOffice(actorOf(req), req.params.id)
        setEtag(reply, office.version)
        return office
      },
    )

    app.patch(
      '/api/v1/offices/:id',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Change an office (admin; its manager). If-Match refuses lost updates.',
          params: IdParams,
          headers: IfMatchHeaders,
          body: UpdateOfficeBody,
          response: { 200: OfficeDto, ...changing },
        },
      },
      async (req, reply) => {
        const office = await offices.updateOffice(actorOf(req), req.params.id, req.body, ifMatchVersion(req))
        setEtag(reply, office.version)
        return office
      },
    )

    app.get(
      '/api/v1/offices/:id/units',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Organisational units of an office',
          params: IdParams,
          response: { 200: listOf(UnitDto), ...problemResponses },
        },
      },
      async (req) => ({ items: await offices.listUnits(actorOf(req), req.params.id) }),
    )

    app.post(
      '/api/v1/offices/:id/units',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Add an organisational unit (code unique in the office)',
          params: IdParams,
          body: UnitBody,
          response: { 201: UnitDto, ...changing },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await offices.createUnit(actorOf(req), req.params.id, req.body)),
    )

    app.patch(
      '/api/v1/units/:id',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Rename a unit (its code never changes)',
          params: IdParams,
          body: Type.Object({ name: MultilingualText }, { additionalProperties: false }),
          response: { 200: UnitDto, ...changing },
        },
      },
      async (req) => offices.renameUnit(actorOf(req), req.params.id, req.body.name),
    )

    app.get(
      '/api/v1/offices/:id/hours-exceptions',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Dates with other hours than usual (holidays, closures)',
          params: IdParams,
          response: { 200: listOf(HoursExceptionDto), ...problemResponses },
        },
      },
      async (req) => ({ items: await offices.listHoursExceptions(actorOf(req), req.params.id) }),
    )

    app.put(
      '/api/v1/offices/:id/hours-exceptions/:date',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Set the hours of one date; an empty list closes the office that day',
          params: DateParams,
          body: HoursExceptionBody,
          response: { 200: HoursExceptionDto, ...changing },
        },
      },
      async (req) =>
        offices.putHoursException(actorOf(req), req.params.id, { date: req.params.date, ...req.body }),
    )

    app.delete(
      '/api/v1/offices/:id/hours-exceptions/:date',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Remove an exception',
          params: DateParams,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (req, reply) => {
        await offices.deleteHoursException(actorOf(req), req.params.id, req.params.date)
        return reply.code(204).send(null)
      },
    )
  }
}
