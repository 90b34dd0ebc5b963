import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IfMatchHeaders, ifMatchVersion, setEtag } from '../../platform/http/etag.js'
import { IdParams, problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from './authenticate.js'
import { CreateUserBody, UpdateUserBody, UserDto } from './identity.schemas.js'
import type { UsersService } from './users.service.js'

const tags = ['users']
const withPrecondition = { ...problemResponses, 409: Type.Ref('Problem'), 412: Type.Ref('Problem') }

/** Staff accounts: admins everywhere, managers within their office. */
export function usersRoutes(users: UsersService) {
  return async (app: AppInstance) => {
    app.post(
      '/api/v1/users',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Create a staff account',
          body: CreateUserBody,
          response: { 201: UserDto, ...withPrecondition },
        },
      },
      async (req, reply) => {
        const user = await users.createUser(actorOf(req), req.body)
        setEtag(reply, user.version)
        return reply.code(201).header('location', `/api/v1/users/${user.id}`).send(user)
      },
    )

    app.get(
      '/api/v1/users',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Staff accounts the caller may see',
          response: { 200: Type.Object({ items: Type.Array(UserDto) }), ...problemResponses },
        },
      },
      async (req) => ({ items: await users.listUsers(actorOf(req)) }),
    )

    app.get(
      '/api/v1/users/:id',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'One staff account',
          params: IdParams,
          response: { 200: UserDto, ...problemResponses },
        },
      },
      async (req, reply) => {
        const user = await users.getUser(actorOf(req), req.params.id)
        setEtag(reply, user.version)
        return user
      },
    )

    app.patch(
      '/api/v1/users/:id',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Change name, e-mail, password or roles (If-Match refuses lost updates)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: UpdateUserBody,
          response: { 200: UserDto, ...withPrecondition },
        },
      },
      async (req, reply) => {
        const user = await users.updateUser(actorOf(req), req.params.id, req.body, ifMatchVersion(req))
        setEtag(reply, user.version)
        return user
      },
    )

    app.post(
      '/api/v1/users/:id/unlock',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Lift the wait that failed sign-ins put on an account (audited)',
          params: IdParams,
          response: { 200: UserDto, ...withPrecondition },
        },
      },
      async (req) => users.unlockSignIn(actorOf(req), req.params.id),
    )

    for (const [action, status] of [
      ['disable', 'disabled'],
      ['enable', 'active'],
    ] as const) {
      app.post(
        `/api/v1/users/:id/${action}`,
        {
          onRequest: app.authenticate,
          schema: {
            tags,
            summary:
              action === 'disable' ? 'Disable an account and revoke its tokens' : 'Enable a disabled account',
            params: IdParams,
            response: { 200: UserDto, ...withPrecondition },
          },
        },
        async (req) => users.setStatus(actorOf(req), req.params.id, status),
      )
    }
  }
}
