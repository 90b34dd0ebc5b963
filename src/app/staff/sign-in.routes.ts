import { Type } from 'typebox'
import { actorOf, SESSION_COOKIE, sessionToken } from '../../modules/identity/index.js'
import type { Config } from '../../platform/config.js'
import { AppError } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { pageContextOf } from '../../web/page-context.js'
import { LoginPage } from './login.page.js'
import { staffTexts } from './staff.messages.js'
import {
  type Form,
  FormBody,
  type StaffServices,
  send,
  staffPageHelpers,
  staffRouteOptions,
} from './staff-page-helpers.js'

/**
 * Only a path on this site may be the target after sign-in. It goes into a Location header, which
 * holds only ASCII: other characters are percent-encoded (a lone surrogate cannot be, and falls back).
 */
export function safeNext(next: string | undefined): string {
  if (!next || !/^\/(?!\/)[^\s\\]*$/.test(next)) return '/staff'
  try {
    return next.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c))
  } catch {
    return '/staff'
  }
}

/** Staff sign-in and sign-out pages. */
export function signInRoutes(config: Config, services: StaffServices) {
  const { signIn, offices } = services
  const { sessionCookie } = staffPageHelpers(config)

  /**
   * Where a sign-in lands: a kiosk device on its centre's kiosk screen (never on staff pages), anyone
   * else where they were going.
   */
  async function landing(grants: readonly { role: string; officeId: string | null }[], next?: string) {
    const officeId = grants.length > 0 && grants.every((g) => g.role === 'kiosk') ? grants[0]?.officeId : null
    const office = officeId ? await offices.publicOffice(officeId) : undefined
    return office ? `/offices/${office.code}/kiosk` : safeNext(next)
  }

  return async (app: AppInstance) => {
    const { form } = staffRouteOptions(app)

    app.get(
      '/login',
      {
        schema: {
          hide: true,
          querystring: Type.Object({
            next: Type.Optional(Type.String({ maxLength: 500 })),
            done: Type.Optional(Type.String({ maxLength: 20 })),
          }),
        },
      },
      async (req, reply) => {
        const token = sessionToken(req)
        const actor = token ? await signIn.authenticate(token) : null
        if (actor) return reply.redirect(await landing(actor.grants, req.query.next), 303)
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        return send(
          reply,
          LoginPage({
            ctx,
            st: staffTexts(ctx.lang),
            csrf: reply.generateCsrf(),
            next: req.query.next,
            done: req.query.done === 'totp' ? staffTexts(ctx.lang)('done.totp') : null,
          }),
        )
      },
    )

    app.post(
      '/login',
      { preHandler: app.csrfProtection, schema: { hide: true, body: FormBody } },
      async (req, reply) => {
        const body = req.body as Form
        const ctx = pageContextOf(req, reply, config.defaultLanguage)
        const st = staffTexts(ctx.lang)
        const again = (message: string, status: number) =>
          send(
            reply,
            LoginPage({
              ctx,
              st,
              csrf: reply.generateCsrf(),
              login: body.login,
              next: body.next,
              error: message,
            }),
            status,
          )
        try {
          const result = await signIn.login({
            login: body.login ?? '',
            password: body.password ?? '',
            totp: body.totp || undefined,
            address: req.ip,
            requestId: req.id,
          })
          reply.setCookie(SESSION_COOKIE, result.token, { ...sessionCookie(req), maxAge: 12 * 3600 })
          // Only the account page is open until the second factor is set up.
          if (result.mustSetUpTotp) return reply.redirect('/staff/account?done=totpRequired#totp', 303)
          return reply.redirect(await landing(result.user.roles, body.next), 303)
        } catch (error) {
          if (error instanceof AppError && error.status === 401) return again(st('login.failed'), 401)
          if (error instanceof AppError && error.status === 429) {
            if (error.headers) reply.headers(error.headers)
            const seconds = Number(error.headers?.['retry-after'] ?? 900)
            return again(
              seconds < 60
                ? st('login.throttledSeconds', { seconds })
                : st('login.throttled', { minutes: Math.ceil(seconds / 60) }),
              429,
            )
          }
          throw error
        }
      },
    )

    app.post('/logout', { ...form, schema: { hide: true, body: FormBody } }, async (req, reply) => {
      const token = sessionToken(req)
      if (token) await signIn.logout(actorOf(req), token)
      reply.clearCookie(SESSION_COOKIE, sessionCookie(req))
      return reply.redirect('/', 303)
    })
  }
}
