import type { FastifyReply, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import {
  actorOf,
  PasswordChangeBody,
  PersonalTokenBody,
  SESSION_COOKIE,
  sessionToken,
} from '../../modules/identity/index.js'
import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IdParams } from '../../platform/http/schemas.js'
import { assertValid } from '../../platform/http/validate.js'
import { AccountPage } from './account.page.js'
import {
  Done,
  type Form,
  FormBody,
  type FormState,
  type StaffServices,
  send,
  staffPageHelpers,
  staffRouteOptions,
} from './staff-page-helpers.js'

/**
 * The signed-in person's own account: change the password (proving the old one), set up the second
 * factor, create and revoke personal API tokens. Open to a sign-in that must first set up its
 * second factor; every other staff page sends such a sign-in here.
 */
export function accountRoutes(config: Config, services: StaffServices) {
  const { users, offices, signIn } = services
  const { staffContext, doneText, formAction, sessionCookie } = staffPageHelpers(config)

  return async (app: AppInstance) => {
    const { page, form } = staffRouteOptions(app)
    const own = { config: { allowDuringTotpSetup: true } }

    const accountPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      extra: FormState & { newToken?: string },
    ) => {
      const s = staffContext(req, reply)
      const [me, officeList, tokens, pending] = await Promise.all([
        users.getSelf(s.actor),
        offices.listPublicOffices(),
        signIn.listPersonalTokens(s.actor),
        signIn.pendingTotp(s.actor),
      ])
      const enrolment = pending
        ? {
            secret: pending.secret,
            svg: await QRCode.toString(pending.otpauthUri, {
              type: 'svg',
              margin: 1,
              errorCorrectionLevel: 'M',
            }),
          }
        : null
      return AccountPage({
        s,
        me,
        offices: officeList,
        tokens,
        enrolment,
        newToken: extra.newToken ?? null,
        done: extra.done,
        errors: extra.errors,
        values: extra.values as Record<string, string>,
      })
    }
    const again = (req: FastifyRequest, reply: FastifyReply, values: Form) => (errors: FormState['errors']) =>
      accountPage(req, reply, { done: null, errors, values })

    app.get(
      '/staff/account',
      { ...page, ...own, schema: { hide: true, querystring: Done } },
      async (req, reply) =>
        send(
          reply,
          await accountPage(req, reply, {
            done: doneText(req, reply, req.query.done),
            errors: [],
            values: {},
          }),
        ),
    )

    app.post(
      '/staff/account/password',
      {
        ...form,
        ...own,
        config: { ...own.config, rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: { hide: true, body: FormBody },
      },
      async (req, reply) => {
        const b = req.body as Form
        const st = staffContext(req, reply).st
        if ((b.newPassword ?? '') !== (b.repeatPassword ?? '')) {
          const errors = [{ field: 'repeatPassword', message: st('account.mismatch') }]
          return send(reply, await again(req, reply, {})(errors), 422)
        }
        return formAction(
          req,
          reply,
          () => {
            const body = assertValid(PasswordChangeBody, {
              currentPassword: b.currentPassword ?? '',
              newPassword: b.newPassword ?? '',
            })
            return signIn.changeOwnPassword(
              actorOf(req),
              sessionToken(req) ?? '',
              body.currentPassword,
              body.newPassword,
            )
          },
          '/staff/account?done=ownPassword',
          again(req, reply, {}),
        )
      },
    )

    app.post(
      '/staff/account/totp',
      { ...form, ...own, schema: { hide: true, body: FormBody } },
      async (req, reply) => {
        if (!(await signIn.pendingTotp(actorOf(req)))) await signIn.enrolTotp(actorOf(req))
        return reply.redirect('/staff/account#totp', 303)
      },
    )

    app.post(
      '/staff/account/totp/confirm',
      { ...form, ...own, schema: { hide: true, body: FormBody } },
      async (req, reply) => {
        const b = req.body as Form
        return formAction(
          req,
          reply,
          async () => {
            await signIn.confirmTotp(actorOf(req), (b.code ?? '').trim())
            // Turning the factor on ends every sign-in, this one too: sign in again with a code.
            reply.clearCookie(SESSION_COOKIE, sessionCookie(req))
          },
          '/login?next=%2Fstaff%2Faccount&done=totp',
          again(req, reply, {}),
        )
      },
    )

    app.post(
      '/staff/account/tokens',
      { ...form, schema: { hide: true, body: FormBody } },
      async (req, reply) => {
        const b = req.body as Form
        const expiresOn = b.expiresOn?.trim()
        const st = staffContext(req, reply).st
        if (expiresOn && (!/^\d{4}-\d{2}-\d{2}$/.test(expiresOn) || Number.isNaN(Date.parse(expiresOn)))) {
          const errors = [{ field: 'expiresOn', message: st('form.invalid') }]
          return send(reply, await again(req, reply, b)(errors), 422)
        }
        const body = {
          label: (b.label ?? '').trim(),
          expiresAt: expiresOn ? `${expiresOn}T23:59:59.000Z` : null,
        }
        return formAction(
          req,
          reply,
          () => {
            const valid = assertValid(PersonalTokenBody, body)
            return signIn.createPersonalToken(actorOf(req), valid.label, valid.expiresAt ?? null)
          },
          // The token is shown once, on the page that answers the form (never in a URL).
          (created) =>
            accountPage(req, reply, {
              done: st('done.token'),
              errors: [],
              values: {},
              newToken: (created as { token: string }).token,
            }),
          again(req, reply, b),
        )
      },
    )

    app.post(
      '/staff/account/tokens/:id/revoke',
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        await signIn.revokePersonalToken(actorOf(req), req.params.id)
        return reply.redirect('/staff/account?done=tokenRevoked#tokens', 303)
      },
    )
  }
}
