import { Type } from 'typebox'
import { notFound } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { problemResponses } from '../../platform/http/schemas.js'
import { presentedToken } from './authenticate.js'
import { LoginBody, LoginResponse, MeResponse } from './identity.schemas.js'
import type { IdentityService } from './identity.service.js'

const tags = ['identity']

export function identityRoutes(identity: IdentityService) {
  return async (app: AppInstance) => {
    app.post(
      '/api/v1/auth/login',
      {
        schema: {
          tags,
          summary: 'Sign in and get a bearer token',
          security: [],
          body: LoginBody,
          response: { 200: LoginResponse, ...problemResponses },
        },
      },
      async (req) => identity.login(req.body.login, req.body.password),
    )

    app.post(
      '/api/v1/auth/logout',
      {
        onRequest: app.authenticate,
        schema: { tags, summary: 'Revoke the token used for this request', response: { 204: Type.Null() } },
      },
      async (req, reply) => {
        const token = presentedToken(req)
        if (token) await identity.logout(token)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/v1/me',
      {
        onRequest: app.authenticate,
        schema: { tags, summary: 'The signed-in user', response: { 200: MeResponse, ...problemResponses } },
      },
      async (req) => {
        const user = await identity.getUser(req.actor!.id)
        if (!user) throw notFound('User')
        return { id: user.id, login: user.login, name: user.name, email: user.email, roles: user.roles }
      },
    )
  }
}
