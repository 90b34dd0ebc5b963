import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IdParams, listOf, problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import {
  BookingExceptionBody,
  BookingExceptionDto,
  DateParams,
  DayBookingDto,
  DayQuery,
  SlotTemplateBody,
  SlotTemplateDto,
  TemplateParams,
} from './slot-templates.schemas.js'
import type { SlotTemplatesService } from './slot-templates.service.js'

const tags = ['appointments']

/** Booking set-up over HTTP: weekly slot templates, days without bookings, the day's bookings. */
export function slotTemplatesRoutes(templates: SlotTemplatesService) {
  return async (app: AppInstance) => {
    const auth = { onRequest: app.authenticate }

    app.get(
      '/api/v1/offices/:id/slot-templates',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Weekly slot templates of a centre',
          params: IdParams,
          response: { 200: listOf(SlotTemplateDto), ...problemResponses },
        },
      },
      async (req) => ({ items: await templates.listTemplates(actorOf(req), req.params.id) }),
    )

    app.post(
      '/api/v1/offices/:id/slot-templates',
      {
        ...auth,
        schema: {
          tags,
          summary:
            'Add a weekly slot template; it opens slots over the booking horizon at once and every night',
          params: IdParams,
          body: SlotTemplateBody,
          response: {
            201: Type.Intersect([SlotTemplateDto, Type.Object({ opened: Type.Integer() })]),
            ...problemResponses,
          },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await templates.addTemplate(actorOf(req), req.params.id, req.body)),
    )

    app.delete(
      '/api/v1/offices/:id/slot-templates/:templateId',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Remove a template and its free future slots (booked ones stay)',
          params: TemplateParams,
          response: { 200: Type.Object({ removedSlots: Type.Integer() }), ...problemResponses },
        },
      },
      async (req) => templates.removeTemplate(actorOf(req), req.params.id, req.params.templateId),
    )

    app.get(
      '/api/v1/offices/:id/booking-exceptions',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Days from today on which the centre takes no bookings',
          params: IdParams,
          response: { 200: listOf(BookingExceptionDto), ...problemResponses },
        },
      },
      async (req) => ({ items: await templates.listExceptions(actorOf(req), req.params.id) }),
    )

    app.put(
      '/api/v1/offices/:id/booking-exceptions/:date',
      {
        ...auth,
        schema: {
          tags,
          summary: 'No bookings that day: free slots close, templates skip it, bookings made stay',
          params: DateParams,
          body: BookingExceptionBody,
          response: { 200: BookingExceptionDto, ...problemResponses },
        },
      },
      async (req) => templates.closeDay(actorOf(req), req.params.id, req.params.date, req.body.reason),
    )

    app.delete(
      '/api/v1/offices/:id/booking-exceptions/:date',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Take bookings that day again (the templates open its slots)',
          params: DateParams,
          response: { 200: Type.Object({ opened: Type.Integer() }), ...problemResponses },
        },
      },
      async (req) => templates.reopenDay(actorOf(req), req.params.id, req.params.date),
    )

    app.get(
      '/api/v1/offices/:id/appointments',
      {
        ...auth,
        schema: {
          tags,
          summary: 'The bookings of a day at the centre, by time',
          params: IdParams,
          querystring: DayQuery,
          response: { 200: listOf(DayBookingDto), ...problemResponses },
        },
      },
      async (req) => ({ items: await templates.dayBookings(actorOf(req), req.params.id, req.query.date) }),
    )
  }
}
