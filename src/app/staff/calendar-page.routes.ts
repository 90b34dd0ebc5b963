import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { CalendarDayBody, Country } from '../../modules/calendar/index.js'
import { actorOf } from '../../modules/identity/index.js'
import type { Config } from '../../platform/config.js'
import { forbidden } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { LocalDate } from '../../platform/http/schemas.js'
import { assertValid } from '../../platform/http/validate.js'
import { CalendarPage } from './calendar.page.js'
import {
  type Form,
  FormBody,
  type FormState,
  type StaffServices,
  send,
  staffPageHelpers,
  staffRouteOptions,
} from './staff-page-helpers.js'

const COUNTRIES = ['UA', 'PL'] as const
const CalendarQuery = Type.Object({
  country: Type.Optional(Country),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
})
const DayForm = Type.Object({ country: Country, date: LocalDate, ...CalendarDayBody.properties })

/** The network's working calendar (network-wide admins and the coordinator): see a year, decide a day. */
export function calendarPageRoutes(config: Config, services: StaffServices) {
  const { calendar } = services
  const { staffContext, doneText, formAction } = staffPageHelpers(config)

  return async (app: AppInstance) => {
    const { page, form } = staffRouteOptions(app)

    const calendarPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      query: { country?: string | undefined; year?: number | undefined },
      state: FormState,
    ) => {
      const s = staffContext(req, reply)
      if (!calendar.canEdit(s.actor)) throw forbidden()
      const country = query.country ?? 'UA'
      const year = query.year ?? new Date().getUTCFullYear()
      const { items } = await calendar.year(country, year)
      return CalendarPage({ s, country, year, countries: COUNTRIES, days: items, form: state })
    }

    app.get(
      '/staff/calendar',
      { ...page, schema: { hide: true, querystring: CalendarQuery } },
      async (req, reply) =>
        send(
          reply,
          await calendarPage(req, reply, req.query, {
            done: doneText(req, reply, req.query.done),
            errors: [],
            values: {},
          }),
        ),
    )

    app.post(
      '/staff/calendar/days',
      { ...form, schema: { hide: true, querystring: CalendarQuery, body: FormBody } },
      async (req, reply) => {
        const b = req.body as Form
        const body = {
          country: b.country ?? '',
          date: b.date ?? '',
          name: (b.name ?? '').trim(),
          dayOff: b.dayOff === 'on',
        }
        const back = `country=${encodeURIComponent(body.country)}&year=${req.query.year ?? body.date.slice(0, 4)}`
        return formAction(
          req,
          reply,
          async () => {
            const day = assertValid(DayForm, body)
            return calendar.setDay(actorOf(req), day.country, day.date, {
              dayOff: day.dayOff,
              name: day.name,
            })
          },
          `/staff/calendar?${back}&done=calendar#add`,
          (errors) => calendarPage(req, reply, req.query, { done: null, errors, values: b }),
        )
      },
    )
  }
}
