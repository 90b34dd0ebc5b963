import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  type Actor,
  ANY_OFFICE,
  actorOf,
  assertAllowed,
  CreateUserBody as CreateUserForm,
  identityPolicy,
  isAllowed,
  ROLES,
  type RoleGrant,
  UpdateUserBody,
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
import { UserEditPage } from './user-edit.page.js'
import { UsersPage } from './users.page.js'

const MANAGER_ROLES = ['consultant', 'chancellery', 'officer', 'head', 'editor', 'kiosk'] as const

/** Staff accounts: list, create, disable, enable, lift a sign-in wait. */
export function accountsRoutes(config: Config, services: StaffServices) {
  const { users, offices, clock } = services
  const { staffContext, doneText, formAction } = staffPageHelpers(config)

  return async (app: AppInstance) => {
    const { page, form } = staffRouteOptions(app)

    const grantableBy = (actor: Actor) =>
      isAllowed(actor, ['admin'], ANY_OFFICE)
        ? ROLES
        : isAllowed(actor, identityPolicy.manageUsers, ANY_OFFICE)
          ? MANAGER_ROLES
          : []

    const usersPage = async (req: FastifyRequest, reply: FastifyReply, extra: FormState) => {
      const s = staffContext(req, reply)
      const [list, officeList] = await Promise.all([users.listUsers(s.actor), offices.listOffices(s.actor)])
      const grantable = grantableBy(s.actor)
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

    /** One account's page; only those who manage accounts get it (others: 403 from the service). */
    const userPage = async (req: FastifyRequest, reply: FastifyReply, id: string, extra: FormState) => {
      const s = staffContext(req, reply)
      assertAllowed(s.actor, identityPolicy.manageUsers, ANY_OFFICE)
      const [user, officeList] = await Promise.all([users.getUser(s.actor, id), offices.listOffices(s.actor)])
      return UserEditPage({
        s,
        user,
        offices: officeList,
        grantable: grantableBy(s.actor),
        now: clock.now(),
        ...extra,
        values: extra.values as Record<string, string>,
      })
    }
    const idForm = { ...form, schema: { hide: true, params: IdParams, body: FormBody } }
    const versionOf = (b: Form) => (b.version && /^\d{1,9}$/.test(b.version) ? Number(b.version) : undefined)
    /** After a change from the account's page, back to it; from the list, back to the list. */
    const backTo = (id: string, b: Form, done: string) =>
      b.from === 'user' ? `/staff/users/${id}?done=${done}` : `/staff/users?done=${done}`

    app.get(
      '/staff/users/:id',
      { ...page, schema: { hide: true, params: IdParams, querystring: Done } },
      async (req, reply) =>
        send(
          reply,
          await userPage(req, reply, req.params.id, {
            done: doneText(req, reply, req.query.done),
            errors: [],
            values: {},
          }),
        ),
    )

    app.post('/staff/users/:id', idForm, async (req, reply) => {
      const b = req.body as Form
      const patch = { name: b.name ?? '', email: b.email ? b.email : null }
      return formAction(
        req,
        reply,
        async () =>
          users.updateUser(actorOf(req), req.params.id, assertValid(UpdateUserBody, patch), versionOf(b)),
        `/staff/users/${req.params.id}?done=saved`,
        (errors, stale) =>
          userPage(req, reply, req.params.id, { done: null, errors, values: stale ? {} : b }),
      )
    })

    app.post('/staff/users/:id/roles', idForm, async (req, reply) => {
      const b = req.body as Form
      const actor = actorOf(req)
      const current = await users.getUser(actor, req.params.id)
      const roles: RoleGrant[] = current.roles.filter((_, i) => b[`keep-${i}`] === 'on')
      if (b.role) roles.push({ role: b.role as RoleGrant['role'], officeId: b.officeId ? b.officeId : null })
      if (roles.length === 0) {
        const st = staffContext(req, reply).st
        const errors = [{ field: 'roles', message: st('user.noRolesLeft') }]
        return send(reply, await userPage(req, reply, req.params.id, { done: null, errors, values: b }), 422)
      }
      return formAction(
        req,
        reply,
        async () =>
          users.updateUser(actor, req.params.id, assertValid(UpdateUserBody, { roles }), versionOf(b)),
        `/staff/users/${req.params.id}?done=roles`,
        (errors, stale) =>
          userPage(req, reply, req.params.id, { done: null, errors, values: stale ? {} : b }),
      )
    })

    app.post('/staff/users/:id/password', idForm, async (req, reply) => {
      const b = req.body as Form
      return formAction(
        req,
        reply,
        async () =>
          users.updateUser(
            actorOf(req),
            req.params.id,
            assertValid(UpdateUserBody, { password: b.password ?? '' }),
            versionOf(b),
          ),
        `/staff/users/${req.params.id}?done=passwordSet`,
        (errors) => userPage(req, reply, req.params.id, { done: null, errors, values: {} }),
      )
    })

    app.post('/staff/users/:id/unlock', idForm, async (req, reply) => {
      await users.unlockSignIn(actorOf(req), req.params.id)
      return reply.redirect(backTo(req.params.id, req.body as Form, 'unlocked'), 303)
    })

    for (const [action, status] of [
      ['disable', 'disabled'],
      ['enable', 'active'],
    ] as const) {
      app.post(`/staff/users/:id/${action}`, idForm, async (req, reply) => {
        await users.setStatus(actorOf(req), req.params.id, status)
        return reply.redirect(
          backTo(req.params.id, req.body as Form, status === 'active' ? 'enabled' : 'disabled'),
          303,
        )
      })
    }
  }
}
