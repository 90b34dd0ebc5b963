import { Type } from 'typebox'
import {
  InformationRequestBody,
  type InformationRequestsService,
  TRACKING_CODE,
} from '../../modules/information-requests/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import type { Config } from '../../platform/config.js'
import { AppError } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { assertValid } from '../../platform/http/validate.js'
import { formErrors } from '../../web/forms.js'
import { pageContextOf } from '../../web/page-context.js'
import { send } from '../staff/staff-page-helpers.js'
import { type RequestsKey, requestPageTexts } from './requests.messages.js'
import { RequestFormPage, RequestStatusPage, TrackNotFoundPage } from './requests.page.js'

const text = (max: number) => Type.Optional(Type.String({ maxLength: max }))
const RequestForm = Type.Object({
  _csrf: text(200),
  officeId: text(40),
  request: text(5100),
  name: text(400),
  delivery: text(10),
  email: text(250),
  address: text(600),
})
const FIELDS = ['request', 'email', 'address', 'officeId'] as const

/** The public pages of requests for public information: the form, and following one by its code. */
export function requestPagesRoutes(
  config: Config,
  requests: InformationRequestsService,
  offices: OfficesService,
) {
  /** The offices that take requests for public information (the Polish ones). */
  const takers = async (lang: string) =>
    (await offices.listPublicOffices())
      .filter((o) => o.address.country === 'PL')
      .map((o) => ({ id: o.id, name: o.name[lang as 'pl'] }))

  return async (app: AppInstance) => {
    app.get('/information-request', { schema: { hide: true } }, async (req, reply) => {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      const csrf = reply.generateCsrf()
      return send(
        reply,
        RequestFormPage({ ctx, csrf, offices: await takers(ctx.lang), values: {}, errors: [] }),
      )
    })

    app.post(
      '/information-request',
      {
        preHandler: app.csrfProtection,
        config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: { hide: true, body: RequestForm },
      },
      async (req, reply) => {
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const f = req.body
        const given = (v: string | undefined) => (v?.trim() ? v.trim() : null)
        const values = {
          officeId: f.officeId ?? '',
          request: f.request ?? '',
          name: f.name ?? '',
          delivery: f.delivery ?? 'email',
          email: f.email ?? '',
          address: f.address ?? '',
        }
        try {
          const made = await requests.submit(
            assertValid(InformationRequestBody, {
              officeId: values.officeId,
              request: values.request.trim(),
              name: given(f.name),
              email: given(f.email),
              address: given(f.address),
              delivery: values.delivery,
            }),
          )
          return reply.redirect(`/information-request/${made.trackingCode}?sent=1`, 303)
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 422) throw error
          const t = requestPageTexts(ctx.lang)
          const errors = formErrors(error.errors, (e) => {
            const field = FIELDS.find((x) => e.path === `body.${x}`)
            return field ? t(`ir.error.${field}` as RequestsKey) : null
          })
          return send(
            reply,
            RequestFormPage({
              ctx,
              csrf: reply.generateCsrf(),
              offices: await takers(ctx.lang),
              values,
              errors,
            }),
            422,
          )
        }
      },
    )

    app.get(
      '/information-request/track',
      { schema: { hide: true, querystring: Type.Object({ code: text(40) }) } },
      async (req, reply) => {
        const code = (req.query.code ?? '').trim().toUpperCase()
        if (new RegExp(TRACKING_CODE).test(code)) return reply.redirect(`/information-request/${code}`, 303)
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        return send(reply, TrackNotFoundPage({ ctx, code }), 404)
      },
    )

    app.get(
      '/information-request/:code',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          hide: true,
          params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
          querystring: Type.Object({ sent: Type.Optional(Type.Literal('1')) }),
        },
      },
      async (req, reply) => {
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const code = req.params.code.toUpperCase()
        const found = new RegExp(TRACKING_CODE).test(code)
          ? await requests.track(code).catch((e: unknown) => {
              if (e instanceof AppError && e.status === 404) return null
              throw e
            })
          : null
        if (!found) return send(reply, TrackNotFoundPage({ ctx, code }), 404)
        return send(reply, RequestStatusPage({ ctx, r: found, fresh: req.query.sent === '1' }))
      },
    )
  }
}
