import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { AppError, unauthenticated } from '../../platform/errors.js'
import type { AppInstance, AuthenticateHook } from '../../platform/http/app-instance.js'
import type { Actor } from './roles.js'
import type { SignInService } from './sign-in.service.js'

export const SESSION_COOKIE = 'ratusz_session'

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated actor; set by `app.authenticate`, null before it runs. */
    actor: Actor | null
  }
  interface FastifyInstance {
    /** onRequest hook: resolves the bearer token or session cookie into `req.actor`, or answers 401. */
    authenticate: AuthenticateHook
  }
  interface FastifyContextConfig {
    /** The route stays open to a sign-in that must first set up its second factor. */
    allowDuringTotpSetup?: boolean
  }
}

/** The token a request presents: `Authorization: Bearer …` for the API, the session cookie for pages. */
export function presentedToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization
  if (header) {
    const match = /^Bearer\s+([A-Za-z0-9_-]{16,200})$/.exec(header)
    return match?.[1] ?? null
  }
  return req.cookies?.[SESSION_COOKIE] ?? null
}

export const authenticationPlugin = fp(
  async (app: AppInstance, opts: { signIn: SignInService }) => {
    app.decorateRequest('actor', null)
    app.decorate('authenticate', async (req: FastifyRequest) => {
      const token = presentedToken(req)
      const actor = token ? await opts.signIn.authenticate(token) : null
      if (!actor) throw unauthenticated()
      actor.requestId = req.id
      req.actor = actor
      if (actor.mustSetUpTotp && !req.routeOptions.config.allowDuringTotpSetup) {
        throw new AppError(
          'TOTP_SETUP_REQUIRED',
          403,
          'Set up your second factor first',
          'This account must turn on its second factor (POST /api/v1/me/totp) before anything else.',
        )
      }
    })
  },
  { name: 'authentication' },
)
