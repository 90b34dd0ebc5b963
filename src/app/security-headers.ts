import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import helmet from 'helmet'
import type { Config } from '../platform/config.js'

/**
 * The security headers of every answer (CSP, frame denial, no sniffing, referrer policy, HSTS over
 * https), from helmet built once. @fastify/helmet builds helmet anew on every request, which held
 * a cached card page to half the bare route (docs/performance.md).
 */
export function securityHeaders(config: Config) {
  const https = config.publicUrl.startsWith('https:')
  const apply = helmet({
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
  return (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) =>
    apply(req.raw, reply.raw, (error?: unknown) => done(error as Error | undefined))
}
