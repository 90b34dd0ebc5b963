import { Type } from 'typebox'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { IdParams, problemResponses } from '../../platform/http/schemas.js'
import { actorOf, presentedToken } from './authenticate.js'
import {
  CreatedTokenDto,
  LoginBody,
  LoginResponse,
  PasswordChangeBody,
  PersonalTokenBody,
  PersonalTokenDto,
  TotpCodeBody,
  TotpEnrolment,
  UserDto,
} from './identity.schemas.js'
import type { SignInService } from './sign-in.service.js'
import type { UsersService } from './users.service.js'

const tags = ['sign-in']

/** Signing in and out, and what a signed-in user manages for themself. */
export function identityRoutes(signIn: SignInService, users: UsersService) {
  return async (app: AppInstance) => {
    app.post(
      '/api/v1/auth/login',
      {
        schema: {
          tags,
          summary: 'Sign in and get a bearer token (429 after repeated failures)',
          security: [],
          body: LoginBody,
          response: { 200: LoginResponse, ...problemResponses, 429: Type.Ref('Problem') },
        },
      },
      async (req) => signIn.login({ ...req.body, address: req.ip, requestId: req.id }),
    )

    const self = { onRequest: app.authenticate, config: { allowDuringTotpSetup: true } }

    app.post(
      '/api/v1/auth/logout',
      {
        ...self,
        schema: {
          tags,
          summary: 'Revoke the token used for this request',
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (req, reply) => {
        const token = presentedToken(req)
        if (token) await signIn.logout(actorOf(req), token)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/v1/me',
      {
        ...self,
        schema: { tags, summary: 'The signed-in user', response: { 200: UserDto, ...problemResponses } },
      },
      async (req) => users.getSelf(actorOf(req)),
    )

    app.get(
      '/api/v1/me/tokens',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Your personal API tokens',
          response: { 200: Type.Object({ items: Type.Array(PersonalTokenDto) }), ...problemResponses },
        },
      },
      async (req) => ({ items: await signIn.listPersonalTokens(actorOf(req)) }),
    )

    app.post(
      '/api/v1/me/tokens',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Create a personal API token for a script or device (the token is shown once)',
          body: PersonalTokenBody,
          response: { 201: CreatedTokenDto, ...problemResponses },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await signIn.createPersonalToken(actorOf(req), req.body.label, req.body.expiresAt ?? null)),
    )

    app.delete(
      '/api/v1/me/tokens/:id',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Revoke a personal API token',
          params: IdParams,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (req, reply) => {
        await signIn.revokePersonalToken(actorOf(req), req.params.id)
        return reply.code(204).send(null)
      },
    )

    app.put(
      '/api/v1/me/password',
      {
        onRequest: app.authenticate,
        config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Change your own password; your other sessions end, this one stays',
          body: PasswordChangeBody,
          response: { 204: Type.Null(), ...problemResponses, 429: Type.Ref('Problem') },
        },
      },
      async (req, reply) => {
        const token = presentedToken(req) as string
        await signIn.changeOwnPassword(actorOf(req), token, req.body.currentPassword, req.body.newPassword)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/api/v1/me/totp',
      {
        ...self,
        schema: {
          tags,
          summary: 'Start setting up a second factor (TOTP)',
          response: { 200: TotpEnrolment, ...problemResponses },
        },
      },
      async (req) => signIn.enrolTotp(actorOf(req)),
    )

    app.post(
      '/api/v1/me/totp/confirm',
      {
        ...self,
        schema: {
          tags,
          summary: 'Turn the second factor on with a current code; every open sign-in ends',
          body: TotpCodeBody,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (req, reply) => {
        await signIn.confirmTotp(actorOf(req), req.body.code)
        return reply.code(204).send(null)
      },
    )
  }
}
