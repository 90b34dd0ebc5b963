import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IdParams, problemResponses } from '../../platform/http/schemas.js'
import { DeskDto, OfficeDto, UnitDto } from './offices.schemas.js'
import type { OfficesService } from './offices.service.js'

const tags = ['offices']

export function officesRoutes(offices: OfficesService) {
  return async (app: AppInstance) => {
    app.get(
      '/api/v1/offices',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Offices the caller may see',
          response: { 200: Type.Object({ items: Type.Array(OfficeDto) }), ...problemResponses },
        },
      },
      async (req) => ({ items: await offices.listOffices(req.actor!) }),
    )

    app.get(
      '/api/v1/offices/:id',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'One office',
          params: IdParams,
          response: { 200: OfficeDto, ...problemResponses },
        },
      },
      async (req) => offices.getOffice(req.actor!, req.params.id),
    )

    app.get(
      '/api/v1/offices/:id/units',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Organisational units of an office',
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(UnitDto) }), ...problemResponses },
        },
      },
      async (req) => ({ items: await offices.listUnits(req.actor!, req.params.id) }),
    )

    app.get(
      '/api/v1/offices/:id/desks',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Desks of an office',
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(DeskDto) }), ...problemResponses },
        },
      },
      async (req) => ({ items: await offices.listDesks(req.actor!, req.params.id) }),
    )
  }
}
