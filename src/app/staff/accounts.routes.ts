import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  ANY_OFFICE,
  actorOf,
  CreateUserBody as CreateUserForm,
  identityPolicy,
  isAllowed,
  ROLES,
} from '../../modules/identity/index.js'
import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IdParams } from '../../platform/http/schemas.js'
import { assertValid } from '../../platform/http/validate.js'
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
import { UsersPage } from './users.page.js'

const MANAGER_ROLES = ['consultant', 'chancellery', 'officer', 'head', 'editor', 'kiosk'] as const

/** Staff accounts: list, create, disable, enable, lift a sign-in wait. */
export function accountsRoutes(config: Config, services: StaffServices) {
  const { users, offices, clock } = services
  const { staffContext, doneText, formAction } = staffPageHelpers(config)

  return async (app: AppInstance) => {
    const { page, form } = staffRouteOptions(app)

    const usersPage = async (req: FastifyRequest, reply: FastifyReply, extra: FormState) => {
      const s = staffContext(req, reply)
      const [list, officeList] = await Promise.all([users.listUsers(s.actor), offices.listOffices(s.actor)])
      const grantable = isAllowed(s.actor, ['admin'], ANY_OFFICE)
        ? ROLES
        : isAllowed(s.actor, identityPolicy.manageUsers, ANY_OFFICE)
          ? MANAGER_ROLES
          : []
      return UsersPage({
        s,
        users: list,
        offices: officeList,
        grantable,
        now: clock.now(),
        ...extra,
        values: extra.values as Record<string, string>,
      })
    }

    app.get('/staff/users', { ...page, schema: { hide: true, querystring: Done } }, async (req, reply) => {
      return send(
        reply,
        await usersPage(req, reply, { done: doneText(req, reply, req.query.done), errors: [], values: {} }),
      )
    })

    app.post('/staff/users', { ...form, schema: { hide: true, body: FormBody } }, async (req, reply) => {
      const b = req.body as Form
      const body = {
        login: b.login ?? '',
        password: b.password ?? '',
        name: b.name ?? '',
        email: b.email ? b.email : null,
        roles: [{ role: b.role ?? '', officeId: b.officeId ? b.officeId : null }],
      }
      const { password: _omit, ...values } = b
      return formAction(
        req,
        reply,
        async () => users.createUser(actorOf(req), assertValid(CreateUserForm, body)),
        '/staff/users?done=user',
        (errors) => usersPage(req, reply, { done: null, errors, values }),
      )
    })

    app.post(
      '/staff/users/:id/unlock',
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        await users.unlockSignIn(actorOf(req), req.params.id)
        return reply.redirect('/staff/users?done=unlocked', 303)
      },
    )

    for (const [action, status] of [
      ['disable', 'disabled'],
      ['enable', 'active'],
    ] as const) {
      app.post(
        `/staff/users/:id/${action}`,
        { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
        async (req, reply) => {
          await users.setStatus(actorOf(req), req.params.id, status)
          return reply.redirect(`/staff/users?done=${status === 'active' ? 'enabled' : 'disabled'}`, 303)
        },
      )
    }
  }
}
