import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IdParams, listOf, problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import { TicketDto } from '../queue/index.js'
import {
  AppointmentDto,
  AppointmentPolicyBody,
  BookingBody,
  CheckInBody,
  CodeBody,
  CodeParams,
  SlotDto,
  SlotsBody,
  SlotsQuery,
} from './appointments.schemas.js'
import type { AppointmentsService } from './appointments.service.js'

const tags = ['appointments']
const changing = { ...problemResponses, 409: Type.Ref('Problem') }

/** Bookings over HTTP: managers open slots; residents book, get an .ics file and cancel; kiosks check in. */
export function appointmentsRoutes(appointments: AppointmentsService) {
  return async (app: AppInstance) => {
    const auth = { onRequest: app.authenticate }

    app.put(
      '/api/v1/offices/:id/appointment-policy',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Check-in window and booking horizon',
          params: IdParams,
          body: AppointmentPolicyBody,
          response: { 200: AppointmentPolicyBody, ...changing },
        },
      },
      async (req) => appointments.putPolicy(actorOf(req), req.params.id, req.body),
    )

    app.post(
      '/api/v1/offices/:id/slots',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Open bookable slots (office-local date and times)',
          params: IdParams,
          body: SlotsBody,
          response: { 201: listOf(SlotDto), ...changing },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send({ items: await appointments.createSlots(actorOf(req), req.params.id, req.body) }),
    )

    app.get(
      '/api/v1/offices/:id/slots',
      {
        schema: {
          tags,
          summary: 'Free slots of a queue on a date (public)',
          security: [],
          params: IdParams,
          querystring: SlotsQuery,
          response: { 200: listOf(SlotDto), ...problemResponses },
        },
      },
      async (req) => ({
        items: await appointments.freeSlots(req.params.id, req.query.queueId, req.query.date),
      }),
    )

    app.post(
      '/api/v1/appointments',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Book a visit (public, rate limited)',
          security: [],
          body: BookingBody,
          response: { 201: AppointmentDto, ...changing, 429: Type.Ref('Problem') },
        },
      },
      async (req, reply) => {
        const booked = await appointments.book(req.body)
        return reply.code(201).header('location', `/api/v1/appointments/${booked.id}.ics`).send(booked)
      },
    )

    app.get(
      '/api/v1/appointments/:id.ics',
      {
        schema: {
          tags,
          summary: 'The booking as an iCalendar file (its id is the link given at booking)',
          security: [],
          params: IdParams,
          produces: ['text/calendar'],
          response: { 200: Type.String(), ...problemResponses },
        },
      },
      async (req, reply) => {
        const { code, ics } = await appointments.calendarFile(req.params.id)
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `attachment; filename="ratusz-${code}.ics"`)
          .send(ics)
      },
    )

    app.get(
      '/api/v1/appointments/by-code/:code',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Find a booking by its code (public; 404 BOOKING_NOT_FOUND when no booking has it)',
          security: [],
          params: CodeParams,
          response: { 200: AppointmentDto, ...problemResponses },
        },
      },
      async (req) => appointments.findByCode(req.params.code),
    )

    app.post(
      '/api/v1/appointments/cancel',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Cancel a booking by its code (public)',
          security: [],
          body: CodeBody,
          response: { 200: AppointmentDto, ...changing },
        },
      },
      async (req) => appointments.cancel(req.body.code),
    )

    app.post(
      '/api/v1/offices/:id/check-in',
      {
        ...auth,
        schema: {
          tags,
          summary: 'Check in with a booking code or the personal number given at booking (kiosk or staff)',
          description:
            'Within the window: a ticket callable from the booked time. Past it: `late: true` and an ordinary walk-in ticket.',
          params: IdParams,
          body: CheckInBody,
          response: { 200: Type.Object({ ticket: TicketDto, late: Type.Boolean() }), ...changing },
        },
      },
      async (req) => appointments.checkIn(actorOf(req), req.params.id, req.body),
    )
  }
}
