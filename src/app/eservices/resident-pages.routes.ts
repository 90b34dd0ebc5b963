import { Type } from 'typebox'
import { RESIDENT_COOKIE, type ResidentsService } from '../../modules/eservices/index.js'
import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'

/** The resident's sign-in by the link e-mailed to them, and signing out. */
export function residentPagesRoutes(config: Config, residents: ResidentsService) {
  const secure = config.publicUrl.startsWith('https:')
  return async (app: AppInstance) => {
    app.get(
      '/my/sign-in',
      {
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: { hide: true, querystring: Type.Object({ token: Type.String({ maxLength: 100 }) }) },
      },
      async (req, reply) => {
        const opened = await residents.useLink(req.query.token)
        reply.setCookie(RESIDENT_COOKIE, opened.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          maxAge: opened.maxAge,
        })
        // The token is in the address: the next page must not hand it on as a referrer.
        return reply.header('referrer-policy', 'no-referrer').redirect(opened.next, 303)
      },
    )
    app.post(
      '/my/sign-out',
      { preHandler: app.csrfProtection, schema: { hide: true } },
      async (req, reply) => {
        await residents.signOut(req.cookies[RESIDENT_COOKIE])
        reply.clearCookie(RESIDENT_COOKIE, { path: '/' })
        return reply.redirect('/', 303)
      },
    )
  }
}
