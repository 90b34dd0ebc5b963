import { Type } from 'typebox'
import type { Config } from '../../platform/config.js'
import { errorCodeOfSlug, errorSlug } from '../../platform/error-codes.js'
import { notFound } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { renderedPage, sendRendered } from '../../platform/http/etag.js'
import { documentOf } from '../../web/jsx.js'
import { pageContextOf } from '../../web/page-context.js'
import { ErrorTypePage, ErrorTypesPage } from './error-types.pages.js'

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 64 }) })

/**
 * The pages problem answers point to: `type` is `/errors/<code>` (RFC 9457 §3.1.1 asks that it lead
 * to documentation a person can read), and /errors lists every code.
 */
export function errorTypesRoutes(config: Config) {
  return async (app: AppInstance) => {
    app.get('/errors', { schema: { hide: true } }, async (req, reply) => {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      return sendRendered(reply, renderedPage(documentOf(ErrorTypesPage({ ctx }))))
    })

    app.get('/errors/:slug', { schema: { hide: true, params: SlugParams } }, async (req, reply) => {
      const code = errorCodeOfSlug(req.params.slug)
      if (!code)
        throw notFound('Error code', `No error has the code ${req.params.slug}; /errors lists them all.`)
      // The code as a problem spells it (NOT_FOUND) leads to its page's one address.
      if (req.params.slug !== errorSlug(code)) return reply.redirect(`/errors/${errorSlug(code)}`, 301)
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      return sendRendered(reply, renderedPage(documentOf(ErrorTypePage({ ctx, code }))))
    })
  }
}
