import { Type } from 'typebox'
import { type OidcSignIn, RESIDENT_COOKIE, type ResidentsService } from '../../modules/eservices/index.js'
import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'

const NEXT = /^\/[A-Za-z0-9/_?=&.-]{0,300}$/

/** The resident's sign-in by the link e-mailed to them or by the identity provider, and signing out. */
export function residentPagesRoutes(config: Config, residents: ResidentsService, oidc: OidcSignIn | null) {
  const secure = config.publicUrl.startsWith('https:')
  return async (app: AppInstance) => {
    if (oidc) {
      app.post(
        '/my/sign-in/oidc',
        {
          preHandler: app.csrfProtection,
          config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
          schema: {
            hide: true,
            body: Type.Object({
              _csrf: Type.Optional(Type.String({ maxLength: 200 })),
              next: Type.Optional(Type.String({ maxLength: 400 })),
            }),
          },
        },
        async (req, reply) => {
          const next = NEXT.test(req.body.next ?? '') ? (req.body.next as string) : '/my'
          return reply.redirect((await oidc.begin(next)).href, 303)
        },
      )
      app.get(
        '/my/sign-in/oidc/callback',
        {
          config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
          schema: {
            hide: true,
            querystring: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 4000 })),
          },
        },
        async (req, reply) => {
          const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''
          const finished = await oidc.finish(new URL(`${config.publicUrl}/my/sign-in/oidc/callback${query}`))
          const opened = await residents.signInVerified(finished.identity)
          reply.setCookie(RESIDENT_COOKIE, opened.token, {
            path: '/',
            httpOnly: true,
            sameSite: 'lax',
            secure,
            maxAge: opened.maxAge,
          })
          return reply.header('referrer-policy', 'no-referrer').redirect(finished.next, 303)
        },
      )
    }

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
