import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import {
  AppointmentPolicyBody,
  type AppointmentsService,
  BookingExceptionBody,
  SlotTemplateBody,
  type SlotTemplatesService,
} from '../../modules/appointments/index.js'
import { actorOf, isAllowed, officesVisibleTo } from '../../modules/identity/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import { type QueueService, queuePolicy } from '../../modules/queue/index.js'
import type { Clock } from '../../platform/clock.js'
import type { Config } from '../../platform/config.js'
import { AppError, type FieldError, forbidden, invalid } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { LocalDate } from '../../platform/http/schemas.js'
import { assertValid } from '../../platform/http/validate.js'
import { localDateOf } from '../../platform/timezone.js'
import {
  type Form,
  FormBody,
  send,
  staffPageHelpers,
  staffRouteOptions,
} from '../staff/staff-page-helpers.js'
import { setupTexts } from './booking-setup.messages.js'
import { BookingSetupPage } from './booking-setup.page.js'

const Page = Type.Object({
  office: Type.Optional(Type.String({ format: 'uuid' })),
  date: Type.Optional(Type.Union([LocalDate, Type.Literal('')])),
  done: Type.Optional(Type.String({ maxLength: 20 })),
  opened: Type.Optional(Type.Integer({ minimum: 0 })),
  day: Type.Optional(LocalDate),
  bookings: Type.Optional(Type.Integer({ minimum: 0 })),
})

/** Which form field an API field error is about, and the words for it. */
function fieldError(t: ReturnType<typeof setupTexts>, e: FieldError): { field: string; message: string } {
  const path = e.path.replace(/^(body|params)\./, '')
  const field = path === 'date' ? 'exceptionDate' : (path.split(/[.[]/)[0] ?? path)
  const bounds: Record<string, [number, number]> = {
    capacity: [1, 50],
    horizonDays: [1, 366],
    earlyMinutes: [0, 240],
    lateMinutes: [0, 240],
  }
  const message =
    e.keyword === 'maxLength'
      ? t('setup.error.tooLong', { max: e.limit ?? 200 })
      : field === 'to' && e.message.startsWith('must be after')
        ? t('setup.error.to')
        : field === 'weekdays'
          ? t('setup.error.weekdays')
          : field === 'exceptionDate' && e.message.includes('past')
            ? t('setup.error.past')
            : field === 'from' || field === 'to'
              ? t('setup.error.time')
              : bounds[field]
                ? t('setup.error.number', { min: bounds[field][0], max: bounds[field][1] })
                : t('setup.error.required')
  return { field, message }
}

const whole = (v: string | undefined) => (v !== undefined && /^\d{1,4}$/.test(v.trim()) ? Number(v) : v)

/** The booking set-up page of a centre, over the appointments module's templates and rules. */
export function bookingSetupRoutes(
  config: Config,
  services: {
    slotTemplates: SlotTemplatesService
    appointments: AppointmentsService
    queue: QueueService
    offices: OfficesService
    clock: Clock
  },
) {
  const { slotTemplates, appointments, queue, offices, clock } = services
  const { staffContext } = staffPageHelpers(config)

  return async (app: AppInstance) => {
    const { page, form } = staffRouteOptions(app)

    async function render(
      req: FastifyRequest,
      reply: FastifyReply,
      officeParam: string | undefined,
      state: {
        date?: string
        done: string | null
        errors: { field: string; message: string }[]
        values: Form
      },
      status = 200,
    ) {
      const s = staffContext(req, reply)
      const t = setupTexts(s.ctx.lang)
      const visible = officesVisibleTo(s.actor, queuePolicy.work)
      const all = (await offices.listPublicOffices()).filter(
        (o) => visible === null || visible.includes(o.id),
      )
      const office = all.find((o) => o.id === officeParam) ?? all[0]
      if (!office) throw forbidden()
      const date = state.date || localDateOf(clock.now(), office.timezone)
      const [queues, templates, exceptions, bookings, policy] = await Promise.all([
        queue.listQueues(office.id),
        slotTemplates.listTemplates(s.actor, office.id),
        slotTemplates.listExceptions(s.actor, office.id),
        slotTemplates.dayBookings(s.actor, office.id, date),
        appointments.getPolicy(office.id),
      ])
      return send(
        reply,
        BookingSetupPage({
          s,
          t,
          offices: all.map((o) => ({ value: o.id, label: o.name[s.ctx.lang] })),
          officeId: office.id,
          queues: queues.map((q) => ({ id: q.id, name: `${q.prefix} · ${q.name[s.ctx.lang]}` })),
          canManage: isAllowed(s.actor, queuePolicy.manage, office.id),
          policy,
          templates,
          exceptions,
          date,
          bookings,
          done: state.done,
          errors: state.errors,
          values: state.values as Record<string, string>,
        }),
        status,
      )
    }

    app.get('/staff/bookings', { ...page, schema: { hide: true, querystring: Page } }, async (req, reply) => {
      const q = req.query
      const t = setupTexts(staffContext(req, reply).ctx.lang)
      const done =
        q.done === 'template'
          ? t('setup.done.template', { opened: q.opened ?? 0 })
          : q.done === 'closed'
            ? t('setup.done.closed', { date: q.day ?? '', bookings: q.bookings ?? 0 })
            : q.done === 'removed' || q.done === 'reopened' || q.done === 'policy'
              ? t(`setup.done.${q.done}`)
              : null
      return render(req, reply, q.office, {
        ...(q.date ? { date: q.date } : {}),
        done,
        errors: [],
        values: {},
      })
    })

    /** Runs a change from a form; a refusal the manager can fix shows the page again with the errors. */
    const change =
      (run: (b: Form, params: Record<string, string>, req: FastifyRequest) => Promise<string>) =>
      async (req: FastifyRequest, reply: FastifyReply) => {
        const b = req.body as Form
        try {
          const next = await run(b, req.params as Record<string, string>, req)
          return reply.redirect(`/staff/bookings?office=${encodeURIComponent(b.office ?? '')}&${next}`, 303)
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 422) throw error
          const t = setupTexts(staffContext(req, reply).ctx.lang)
          const errors = (error.errors ?? [{ path: 'body', message: error.detail ?? '' }]).map((e) =>
            fieldError(t, e),
          )
          return render(req, reply, b.office, { done: null, errors, values: b }, 422)
        }
      }
    const withOffice = (b: Form) => {
      if (!b.office || !/^[0-9a-f-]{36}$/.test(b.office)) throw forbidden()
      return b.office
    }
    const opts = { ...form, schema: { hide: true, body: FormBody } }
    const withId = {
      ...form,
      schema: { hide: true, body: FormBody, params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    }
    const withDate = {
      ...form,
      schema: { hide: true, body: FormBody, params: Type.Object({ date: LocalDate }) },
    }

    app.post(
      '/staff/bookings/templates',
      opts,
      change(async (b, _p, req) => {
        const body = assertValid(SlotTemplateBody, {
          queueId: b.queueId ?? '',
          weekdays: [1, 2, 3, 4, 5, 6, 7].filter((d) => b[`day-${d}`] === 'on'),
          from: b.from ?? '',
          to: b.to ?? '',
          minutes: whole(b.minutes),
          capacity: whole(b.capacity),
        })
        const added = await slotTemplates.addTemplate(actorOf(req), withOffice(b), body)
        return `done=template&opened=${added.opened}#templates`
      }),
    )
    app.post(
      '/staff/bookings/templates/:id/remove',
      withId,
      change(async (b, p, req) => {
        await slotTemplates.removeTemplate(actorOf(req), withOffice(b), p.id as string)
        return 'done=removed#templates'
      }),
    )
    app.post(
      '/staff/bookings/exceptions',
      opts,
      change(async (b, _p, req) => {
        const date = b.exceptionDate ?? ''
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
          throw invalid([{ path: 'params.date', message: 'is required' }])
        const { reason } = assertValid(BookingExceptionBody, { reason: (b.reason ?? '').trim() })
        const closed = await slotTemplates.closeDay(actorOf(req), withOffice(b), date, reason)
        return `done=closed&day=${closed.date}&bookings=${closed.bookings}#exceptions`
      }),
    )
    app.post(
      '/staff/bookings/exceptions/:date/remove',
      withDate,
      change(async (b, p, req) => {
        await slotTemplates.reopenDay(actorOf(req), withOffice(b), p.date as string)
        return 'done=reopened#exceptions'
      }),
    )
    app.post(
      '/staff/bookings/policy',
      opts,
      change(async (b, _p, req) => {
        const body = assertValid(AppointmentPolicyBody, {
          earlyMinutes: whole(b.earlyMinutes),
          lateMinutes: whole(b.lateMinutes),
          horizonDays: whole(b.horizonDays),
        })
        await appointments.putPolicy(actorOf(req), withOffice(b), body)
        return 'done=policy#policy'
      }),
    )
  }
}
