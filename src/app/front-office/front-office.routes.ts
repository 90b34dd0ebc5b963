import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import { Type } from 'typebox'
import { type AppointmentsService, hasBookingCodeShape, plainCode } from '../../modules/appointments/index.js'
import { actorOf } from '../../modules/identity/index.js'
import type { OfficeDto, OfficesService } from '../../modules/offices/index.js'
import type { QueueService } from '../../modules/queue/index.js'
import type { Clock } from '../../platform/clock.js'
import type { Config } from '../../platform/config.js'
import { AppError, notFound } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IdParams } from '../../platform/http/schemas.js'
import { LANGUAGES, type Lang } from '../../platform/i18n/index.js'
import { formErrors } from '../../web/forms.js'
import { documentOf } from '../../web/jsx.js'
import { pageContextOf } from '../../web/page-context.js'
import { send, staffPageHelpers } from '../staff/staff-page-helpers.js'
import { BoardPage } from './board.page.js'
import { frontOfficeTexts } from './front-office.messages.js'
import { KioskPage, PURPOSES } from './kiosk.page.js'
import { OfficeCodeParams, publicOffices } from './public-offices.js'
import { TicketPage } from './ticket.page.js'

const BoardQuery = Type.Object({
  lang: Type.Optional(Type.Enum(LANGUAGES)),
  sound: Type.Optional(Type.Enum(['on', 'off'])),
  also: Type.Optional(Type.Enum(LANGUAGES)),
})
const KioskQuery = Type.Object({
  purpose: Type.Optional(Type.Enum(PURPOSES)),
  queue: Type.Optional(Type.String({ format: 'uuid' })),
})
const KioskForm = Type.Object({
  _csrf: Type.Optional(Type.String()),
  purpose: Type.Enum(PURPOSES),
  queueId: Type.String({ format: 'uuid' }),
  priority: Type.String({ maxLength: 32 }),
  key: Type.String({ maxLength: 100 }),
})
const CheckInForm = Type.Object({ _csrf: Type.Optional(Type.String()), code: Type.String({ maxLength: 30 }) })
const TicketParams = Type.Object({
  code: OfficeCodeParams.properties.code,
  id: Type.String({ format: 'uuid' }),
})

/** The hall's screens: the public board and ticket status, and the kiosk (a kiosk device's session). */
export function frontOfficeRoutes(
  config: Config,
  queue: QueueService,
  offices: OfficesService,
  appointments: AppointmentsService,
  clock: Clock,
) {
  const { staffContext } = staffPageHelpers(config)
  const { byCode: officeByCode, byId: officeById } = publicOffices(offices)

  /** Why a check-in was refused, in the resident's words, saying what to do. */
  async function checkInRefusal(lang: Lang, office: OfficeDto, error: AppError, byCode: boolean) {
    const ft = frontOfficeTexts(lang)
    const facts = error.facts ?? {}
    const zone = { timeZone: office.timezone }
    const time = (at: string) =>
      new Intl.DateTimeFormat(lang, { ...zone, timeStyle: 'short' }).format(new Date(at))
    const date = (day: string) =>
      new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${day}T12:00:00Z`),
      )
    switch (error.code) {
      case 'BOOKING_AT_ANOTHER_OFFICE': {
        const other = facts.officeId ? await officeById(facts.officeId) : null
        return ft('kiosk.checkIn.BOOKING_AT_ANOTHER_OFFICE', { office: other?.name[lang] ?? '' })
      }
      case 'TOO_EARLY': {
        // The service always says when check-in opens.
        const opensAt = facts.opensAt as string
        return facts.date && facts.date !== facts.today
          ? ft('kiosk.checkIn.TOO_EARLY_DAY', { date: date(facts.date), time: time(opensAt) })
          : ft('kiosk.checkIn.TOO_EARLY', { time: time(opensAt) })
      }
      case 'BOOKING_EXPIRED':
        return ft('kiosk.checkIn.BOOKING_EXPIRED', { date: date(facts.date ?? '') })
      case 'ALREADY_CHECKED_IN':
      case 'BOOKING_CANCELLED':
        return ft(`kiosk.checkIn.${error.code}`)
      default:
        return ft(byCode ? 'kiosk.checkIn.BOOKING_NOT_FOUND' : 'kiosk.checkIn.NO_BOOKING_TODAY')
    }
  }

  return async (app: AppInstance) => {
    app.get(
      '/offices/:code/board',
      { schema: { hide: true, params: OfficeCodeParams, querystring: BoardQuery } },
      async (req, reply) => {
        const office = await officeByCode(req.params.code)
        // A board speaks its office's language unless its address says otherwise (not the screen
        // browser's language, nor a choice remembered from another page).
        if (!req.query.lang) {
          const query = new URLSearchParams(req.query as Record<string, string>)
          query.set('lang', office.defaultLanguage)
          return reply.redirect(`/offices/${office.code}/board?${query}`, 303)
        }
        const ctx = pageContextOf(req, reply, office.defaultLanguage)
        const settings = { sound: req.query.sound !== 'off', also: req.query.also ?? null }
        return reply
          .type('text/html; charset=utf-8')
          .send(
            documentOf(
              BoardPage({ ctx, office, board: await queue.board(office.id), settings, now: clock.now() }),
            ),
          )
      },
    )

    app.get('/tickets/:id', { schema: { hide: true, params: IdParams } }, async (req, reply) => {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      const ticket = await queue.getTicket(null, req.params.id)
      const office = await officeById(ticket.officeId)
      if (!office) throw notFound('Ticket')
      const queues = await queue.listQueues(office.id)
      return reply
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(
          documentOf(TicketPage({ ctx, ticket, office, queue: queues.find((q) => q.id === ticket.queueId) })),
        )
    })

    const page = { onRequest: app.staffPage }
    const kioskPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      office: OfficeDto,
      choice: { purpose?: (typeof PURPOSES)[number] | undefined; queueId?: string | undefined },
      errors: { field: string; message: string }[] = [],
      code?: string,
    ) => {
      const s = staffContext(req, reply)
      const policy = await queue.getPolicy(s.actor, office.id)
      return KioskPage({
        ctx: s.ctx,
        csrf: s.csrf,
        office,
        queues: await queue.listQueues(office.id),
        priorities: policy.priorities,
        purpose: choice.purpose,
        queueId: choice.queueId,
        idempotencyKey: randomUUID(),
        errors,
        ...(code === undefined ? {} : { code }),
      })
    }

    app.get(
      '/offices/:code/kiosk',
      { ...page, schema: { hide: true, params: OfficeCodeParams, querystring: KioskQuery } },
      async (req, reply) => {
        const office = await officeByCode(req.params.code)
        return send(
          reply,
          await kioskPage(req, reply, office, { purpose: req.query.purpose, queueId: req.query.queue }),
        )
      },
    )

    app.post(
      '/offices/:code/kiosk',
      {
        ...page,
        preHandler: app.csrfProtection,
        schema: { hide: true, params: OfficeCodeParams, body: KioskForm },
      },
      async (req, reply) => {
        const office = await officeByCode(req.params.code)
        const b = req.body
        try {
          const ticket = await queue.issueTicket(
            actorOf(req),
            office.id,
            { queueId: b.queueId, priority: b.priority, purpose: b.purpose },
            { idempotencyKey: `kiosk:${b.key}` },
          )
          return reply.redirect(`/offices/${office.code}/kiosk/tickets/${ticket.id}`, 303)
        } catch (error) {
          if (!(error instanceof AppError) || !error.errors) throw error
          return send(
            reply,
            await kioskPage(
              req,
              reply,
              office,
              { purpose: b.purpose, queueId: b.queueId },
              formErrors(error.errors),
            ),
            422,
          )
        }
      },
    )

    app.post(
      '/offices/:code/kiosk/check-in',
      {
        ...page,
        preHandler: app.csrfProtection,
        schema: { hide: true, params: OfficeCodeParams, body: CheckInForm },
      },
      async (req, reply) => {
        const office = await officeByCode(req.params.code)
        // One field: a six-character booking code, or the personal number given at booking.
        const typed = plainCode(req.body.code)
        try {
          const by = hasBookingCodeShape(typed)
            ? { code: typed }
            : /^[A-Z0-9]{7,20}$/.test(typed)
              ? { identifier: typed }
              : null
          if (!by) throw notFound('Appointment')
          const { ticket } = await appointments.checkIn(actorOf(req), office.id, by)
          return reply.redirect(`/offices/${office.code}/kiosk/tickets/${ticket.id}`, 303)
        } catch (error) {
          if (!(error instanceof AppError) || error.status === 403 || error.status >= 500) throw error
          const s = staffContext(req, reply)
          const message = await checkInRefusal(s.ctx.lang, office, error, hasBookingCodeShape(typed))
          return send(
            reply,
            await kioskPage(req, reply, office, {}, [{ field: 'code', message }], req.body.code),
            422,
          )
        }
      },
    )

    app.get(
      '/offices/:code/kiosk/tickets/:id',
      { ...page, schema: { hide: true, params: TicketParams } },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const office = await officeByCode(req.params.code)
        const ticket = await queue.getTicket(s.actor, req.params.id)
        if (ticket.officeId !== office.id) throw notFound('Ticket')
        const statusUrl = `${config.publicUrl}/tickets/${ticket.id}`
        const qrSvg = await QRCode.toString(statusUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
        const queues = await queue.listQueues(office.id)
        return send(
          reply,
          TicketPage({
            ctx: s.ctx,
            ticket,
            office,
            queue: queues.find((q) => q.id === ticket.queueId),
            qrSvg,
            kioskHref: `/offices/${office.code}/kiosk`,
          }),
        )
      },
    )
  }
}
