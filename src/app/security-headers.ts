import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import helmet from 'helmet'
import type { Config } from '../platform/config.js'

/**
 * The security headers of every answer (CSP, frame denial, no sniffing, referrer policy, HSTS over
 * https), made by helmet once at start-up and then copied onto each answer. @fastify/helmet builds
 * helmet anew on every request, which held a cached card page to half the bare route, and even
 * running helmet's middleware per request cost ≈7% of a queue request (docs/performance.md).
 */
export function securityHeaderValues(config: Config): Readonly<Record<string, string>> {
  const https = config.publicUrl.startsWith('https:')
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: https,
  })
  // Helmet's headers do not depend on the request: record them once.
  const headers: Record<string, string> = {}
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = String(value)
    },
    removeHeader: () => {},
    getHeader: () => undefined,
  }
  let failed: unknown = null
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failed = error ?? null
  })
  if (failed) throw failed
  return headers
}

/** The hook that puts them on every answer that goes through Fastify's routing. */
export function securityHeaders(headers: Readonly<Record<string, string>>) {
  return (_req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    reply.headers(headers)
    done()
  }
}
