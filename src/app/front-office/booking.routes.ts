import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import {
  type AppointmentsService,
  BookingBody,
  hasBookingCodeShape,
  plainCode,
} from '../../modules/appointments/index.js'
import type { OfficeDto, OfficesService } from '../../modules/offices/index.js'
import type { QueueService } from '../../modules/queue/index.js'
import type { Config } from '../../platform/config.js'
import { AppError, notFound } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IdParams, LocalDate } from '../../platform/http/schemas.js'
import { assertValid } from '../../platform/http/validate.js'
import { formErrors } from '../../web/forms.js'
import { pageContextOf } from '../../web/page-context.js'
import { send } from '../staff/staff-page-helpers.js'
import { bookingFieldError, bookingTexts } from './booking.messages.js'
import { BookedPage, BookingPage } from './booking.page.js'
import { FindBookingPage } from './find-booking.page.js'
import { OfficeCodeParams, publicOffices } from './public-offices.js'

const FindQuery = Type.Object({ code: Type.Optional(Type.String({ maxLength: 20 })) })
const BookQuery = Type.Object({
  queue: Type.Optional(Type.String({ format: 'uuid' })),
  date: Type.Optional(LocalDate),
})
const BookForm = Type.Object({
  _csrf: Type.Optional(Type.String()),
  queueId: Type.String({ format: 'uuid' }),
  date: LocalDate,
  start: Type.Optional(Type.String({ maxLength: 40 })),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  email: Type.Optional(Type.String({ maxLength: 200 })),
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  identifier: Type.Optional(Type.String({ maxLength: 40 })),
})

/** Residents book a visit: pages over the appointments module, working without JavaScript. */
export function bookingRoutes(
  config: Config,
  appointments: AppointmentsService,
  queue: QueueService,
  offices: OfficesService,
) {
  const { byCode: officeByCode, byId: officeById } = publicOffices(offices)

  async function bookingPage(
    req: FastifyRequest,
    reply: FastifyReply,
    office: OfficeDto | undefined,
    choice: { queueId?: string | undefined; date?: string | undefined },
    values: Record<string, string> = {},
    errors: { field: string; message: string }[] = [],
  ) {
    const ctx = pageContextOf(req, reply, config.defaultLanguage)
    const queues = office ? await queue.listQueues(office.id) : []
    const queueId = queues.some((q) => q.id === choice.queueId) ? choice.queueId : undefined
    let days: { date: string; free: number }[] = []
    let slots: { start: string; time: string; free: number }[] = []
    if (office && queueId) {
      days = await appointments.freeDays(office.id, queueId)
      if (choice.date && days.some((d) => d.date === choice.date))
        slots = await appointments.freeSlots(office.id, queueId, choice.date)
    }
    return BookingPage({
      ctx,
      csrf: reply.generateCsrf(),
      offices: await offices.listPublicOffices(),
      office,
      queues,
      queueId,
      days,
      date: choice.date,
      slots,
      values,
      errors,
    })
  }

  return async (app: AppInstance) => {
    app.get('/book', { schema: { hide: true } }, async (req, reply) =>
      send(reply, await bookingPage(req, reply, undefined, {})),
    )

    app.get(
      '/offices/:code/book',
      { schema: { hide: true, params: OfficeCodeParams, querystring: BookQuery } },
      async (req, reply) => {
        const office = await officeByCode(req.params.code)
        return send(
          reply,
          await bookingPage(req, reply, office, { queueId: req.query.queue, date: req.query.date }),
        )
      },
    )

    app.post(
      '/offices/:code/book',
      {
        preHandler: app.csrfProtection,
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { hide: true, params: OfficeCodeParams, body: BookForm },
      },
      async (req, reply) => {
        const office = await officeByCode(req.params.code)
        const b = req.body
        const values = {
          start: b.start ?? '',
          name: b.name ?? '',
          email: b.email ?? '',
          phone: b.phone ?? '',
          identifier: b.identifier ?? '',
        }
        try {
          const booked = await appointments.book(
            assertValid(BookingBody, {
              officeId: office.id,
              queueId: b.queueId,
              start: b.start ?? '',
              name: (b.name ?? '').trim(),
              ...(b.email?.trim() ? { email: b.email.trim() } : {}),
              ...(b.phone?.trim() ? { phone: b.phone.trim() } : {}),
              ...(b.identifier?.trim() ? { identifier: b.identifier.trim() } : {}),
              lang: pageContextOf(req, reply, config.defaultLanguage).lang,
            }),
          )
          return reply.redirect(`/appointments/${booked.id}`, 303)
        } catch (error) {
          if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error
          const lang = pageContextOf(req, reply, config.defaultLanguage).lang
          const errors =
            error.status === 409
              ? [{ field: 'start', message: bookingTexts(lang)('book.full') }]
              : formErrors(error.errors, (e) => bookingFieldError(lang, e)).map((e) =>
                  e.field === 'body' ? { ...e, field: 'start' } : e,
                )
          return send(
            reply,
            await bookingPage(req, reply, office, { queueId: b.queueId, date: b.date }, values, errors),
            422,
          )
        }
      },
    )

    const bookedPage = async (req: FastifyRequest, reply: FastifyReply, id: string) => {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      const booking = await appointments.get(id)
      const office = await officeById(booking.officeId)
      if (!office) throw notFound('Appointment')
      return BookedPage({
        ctx,
        csrf: reply.generateCsrf(),
        office,
        queue: (await queue.listQueues(office.id)).find((q) => q.id === booking.queueId),
        booking: { id: booking.id, code: booking.code, start: booking.startAt, status: booking.status },
        window: await appointments.getPolicy(office.id),
      })
    }

    app.get(
      '/appointments/find',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { hide: true, querystring: FindQuery },
      },
      async (req, reply) => {
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const typed = req.query.code?.trim()
        if (typed === undefined) return send(reply, FindBookingPage({ ctx }))
        const bt = bookingTexts(ctx.lang)
        const plain = plainCode(typed)
        if (!hasBookingCodeShape(plain))
          return send(reply, FindBookingPage({ ctx, code: typed, error: bt('book.find.invalid') }), 422)
        try {
          const booking = await appointments.findByCode(plain)
          return reply.redirect(`/appointments/${booking.id}`, 303)
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 404) throw error
          return send(reply, FindBookingPage({ ctx, code: typed, error: bt('book.find.unknown') }), 404)
        }
      },
    )

    app.get('/appointments/:id', { schema: { hide: true, params: IdParams } }, async (req, reply) =>
      send(reply, await bookedPage(req, reply, req.params.id)),
    )

    app.post(
      '/appointments/:id/cancel',
      { preHandler: app.csrfProtection, schema: { hide: true, params: IdParams } },
      async (req, reply) => {
        const booking = await appointments.get(req.params.id)
        await appointments.cancel(booking.code)
        return reply.redirect(`/appointments/${booking.id}`, 303)
      },
    )
  }
}
