import type { FastifyReply, FastifyRequest } from 'fastify'
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
    /** onRequest hook for the API: resolves the bearer token into `req.actor`, or answers 401. */
    authenticate: AuthenticateHook
    /** onRequest hook for public API routes that show more to staff: a bearer token is optional, but must be valid when sent. */
    authenticateIfPresent: AuthenticateHook
    /** onRequest hook for staff pages: resolves the session cookie, or redirects to the sign-in page. */
    staffPage: AuthenticateHook
  }
  interface FastifyContextConfig {
    /** The route stays open to a sign-in that must first set up its second factor. */
    allowDuringTotpSetup?: boolean
  }
}

/**
 * The bearer token of an API request. The API never takes the session cookie: a browser sends
 * cookies on its own, so accepting them would open the API to cross-site requests.
 */
export function presentedToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization
  if (!header) return null
  return /^Bearer\s+([A-Za-z0-9_-]{16,200})$/.exec(header)?.[1] ?? null
}

/** The session cookie of a page request (forms carry a CSRF token besides). */
/**
 * The signed-in actor of a route behind `app.authenticate` (or a staff page's hook). A route that
 * forgot the hook gets 401 here rather than a null actor further down.
 */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated()
  return req.actor
}

export function sessionToken(req: FastifyRequest): string | null {
  const token = req.cookies?.[SESSION_COOKIE]
  return token && /^[A-Za-z0-9_-]{16,200}$/.test(token) ? token : null
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
    app.decorate('authenticateIfPresent', async (req: FastifyRequest, reply: FastifyReply) => {
      if (req.headers.authorization !== undefined) await app.authenticate.call(app, req, reply)
    })
  },
  { name: 'authentication' },
)

export const staffPagesPlugin = fp(
  async (app: AppInstance, opts: { signIn: SignInService }) => {
    app.decorate('staffPage', async (req: FastifyRequest, reply: FastifyReply) => {
      const token = sessionToken(req)
      const actor = token ? await opts.signIn.authenticate(token) : null
      if (!actor) {
        const next = encodeURIComponent(req.url)
        await reply.redirect(`/login?next=${next}`, 303)
        return reply
      }
      actor.requestId = req.id
      req.actor = actor
      // A sign-in whose role needs a second factor sets it up before any other staff page.
      if (actor.mustSetUpTotp && !req.routeOptions.config.allowDuringTotpSetup) {
        await reply.redirect('/staff/account?done=totpRequired#totp', 303)
        return reply
      }
    })
  },
  { name: 'staff-pages', dependencies: ['authentication'] },
)
