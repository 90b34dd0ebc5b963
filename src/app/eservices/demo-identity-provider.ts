import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isPesel, isRnokpp } from '../../modules/eservices/index.js'
import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { escapeHtml } from '../../web/jsx.js'
import { signingKey } from './provider-key.js'

const PREFIX = '/demo-idp'

/** The demo provider's one page: who to be. Plain, with its own words: it is nobody's real sign-in. */
function loginPage(action: string, error: string | null): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo ID: not a real identity provider</title></head><body style="font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem">
<main><h1>Demo ID</h1>
<p><strong>A demonstration identity provider, not a real one.</strong> It signs in whoever you say you are.
Type a PESEL (Polish) or РНОКПП (Ukrainian) with a valid check digit, e.g. 44051401359 or 3184710691.</p>
${error ? `<p role="alert" style="color:#b00020">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<p><label for="id">PESEL or РНОКПП</label><br><input id="id" name="id" inputmode="numeric" autocomplete="off" required></p>
<p><label for="name">Name</label><br><input id="name" name="name" autocomplete="name" value="Demo Resident"></p>
<p><button type="submit">Sign in</button></p></form></main></body></html>`
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > 10_000) break
    chunks.push(chunk as Buffer)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

/**
 * A demo OpenID Connect provider inside Ratusz, at /demo-idp, for trials without a real one
 * (`RATUSZ_DEMO_OIDC=1`, off by default): the real protocol (`oidc-provider`, loaded only then:
 * discovery, the code flow with PKCE, signed ID tokens), a page that signs in anyone who types a PESEL
 * or РНОКПП with a valid check digit, and the client Ratusz is registered as. Its keys live in memory.
 */
export function demoIdentityProvider(config: Config) {
  return async (app: AppInstance) => {
    const { default: Provider } = await import('oidc-provider')
    const names = new Map<string, string>()
    const provider = new Provider(`${config.publicUrl}${PREFIX}`, {
      clients: [
        {
          client_id: 'ratusz-demo',
          client_secret: 'ratusz-demo-secret',
          redirect_uris: [`${config.publicUrl}/my/sign-in/oidc/callback`],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      pkce: { required: () => true },
      claims: { openid: ['sub'], profile: ['name', 'pesel', 'rnokpp'], email: ['email'] },
      conformIdTokenClaims: false,
      findAccount: async (_ctx, id) => ({
        accountId: id,
        claims: async () => ({
          sub: id,
          name: names.get(id) ?? 'Demo Resident',
          ...(isPesel(id) ? { pesel: id } : {}),
          ...(isRnokpp(id) ? { rnokpp: id } : {}),
        }),
      }),
      interactions: { url: (_ctx, interaction) => `${PREFIX}/interaction/${interaction.uid}` },
      features: { devInteractions: { enabled: false } },
      // Its own signing key, made at start (kept in memory: sign-ins do not outlive a restart).
      jwks: { keys: [signingKey()] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
    })
    provider.proxy = config.trustProxy
    const callback = provider.callback()

    async function interaction(req: IncomingMessage, res: ServerResponse, uid: string) {
      const details = await provider.interactionDetails(req, res)
      const send = (status: number, error: string | null) => {
        res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        res.end(loginPage(`${PREFIX}/interaction/${uid}`, error))
      }
      if (req.method !== 'POST') return send(200, null)
      const form = await formOf(req)
      const id = (form.get('id') ?? '').trim()
      if (!isPesel(id) && !isRnokpp(id)) return send(422, 'Not a PESEL or РНОКПП with a valid check digit.')
      names.set(id, (form.get('name') ?? '').trim().slice(0, 200) || 'Demo Resident')
      const grant = new provider.Grant({ accountId: id, clientId: String(details.params.client_id) })
      grant.addOIDCScope(String(details.params.scope))
      await provider.interactionFinished(req, res, {
        login: { accountId: id },
        consent: { grantId: await grant.save() },
      })
    }

    // The provider reads its own requests: Fastify leaves the bodies unread here.
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', (_req, _payload, done) => done(null))
    const handle = async (
      req: { raw: IncomingMessage; url: string },
      reply: { hijack(): void; raw: ServerResponse },
    ) => {
      reply.hijack()
      const path = req.url.slice(PREFIX.length) || '/'
      const uid = /^\/interaction\/([\w-]{1,100})$/.exec(path.split('?')[0] ?? '')?.[1]
      try {
        if (uid) await interaction(req.raw, reply.raw, uid)
        else {
          // Mounted under a path: the provider finds its mount from the original address.
          Object.assign(req.raw, { originalUrl: req.url })
          req.raw.url = path
          await callback(req.raw, reply.raw)
        }
      } catch (error) {
        if (!reply.raw.headersSent) reply.raw.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
        reply.raw.end(`Demo ID: ${(error as Error).message}`)
      }
    }
    app.all(PREFIX, { schema: { hide: true } }, handle)
    app.all(`${PREFIX}/*`, { schema: { hide: true } }, handle)
  }
}
