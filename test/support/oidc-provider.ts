import { createServer } from 'node:http'
import Provider from 'oidc-provider'
import { onTestFinished } from 'vitest'
import { signingKey } from '../../src/app/eservices/provider-key.js'
import { freePort } from './free-port.js'

/** A person the provider signs in: their subject and the claims it vouches for. */
export interface TestAccount {
  sub: string
  name?: string
  email?: string
  pesel?: string
  rnokpp?: string
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on loopback, as login.gov.pl or Diia.ID stand to
 * Ratusz: discovery, the authorization code flow with PKCE required, a confidential client, signed ID
 * tokens. Its one interaction signs in whoever the test last chose (`as`), without a form: what a
 * person does at the provider is the provider's business, not Ratusz's.
 */
export async function loopbackOidc(redirectUri: string) {
  const port = await freePort()
  const issuer = `http://127.0.0.1:${port}`
  const accounts = new Map<string, TestAccount>()
  let current: string | null = null
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'ratusz',
        client_secret: 'ratusz-test-secret-1234',
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name', 'pesel', 'rnokpp'], email: ['email'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx, id) => {
      const account = accounts.get(id)
      return account ? { accountId: id, claims: async () => ({ ...account }) } : undefined
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    // Its own signing key, made at start (kept in memory: sign-ins do not outlive a restart).
    jwks: { keys: [signingKey()] },
    cookies: { keys: ['ratusz-test-cookie-key'] },
  })
  const callback = provider.callback()
  const server = createServer((req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res)
    void (async () => {
      const details = await provider.interactionDetails(req, res)
      if (!current) throw new Error('no account chosen for the sign-in')
      const grant = new provider.Grant({ accountId: current, clientId: String(details.params.client_id) })
      grant.addOIDCScope(String(details.params.scope))
      const grantId = await grant.save()
      await provider.interactionFinished(req, res, { login: { accountId: current }, consent: { grantId } })
    })().catch((error: unknown) => {
      res.statusCode = 500
      res.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return {
    issuer,
    settings: {
      issuer,
      clientId: 'ratusz',
      clientSecret: 'ratusz-test-secret-1234',
      name: 'Test ID',
      scope: 'openid profile email',
      peselClaim: 'pesel',
      rnokppClaim: 'rnokpp',
    },
    /** The person the next sign-in signs in. */
    as(account: TestAccount) {
      accounts.set(account.sub, account)
      current = account.sub
    },
    /**
     * Follows the browser from the provider's authorization address to the redirect back to Ratusz
     * (the provider's own cookies kept): the callback's path and query.
     */
    async authorize(url: string): Promise<string> {
      const jar = new Map<string, string>()
      let next = url
      for (let hops = 0; hops < 10; hops++) {
        const res = await fetch(next, {
          redirect: 'manual',
          headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
        })
        for (const line of res.headers.getSetCookie()) {
          const [pair] = line.split(';')
          const at = (pair ?? '').indexOf('=')
          if (at > 0) jar.set(pair!.slice(0, at), pair!.slice(at + 1))
        }
        const location = res.headers.get('location')
        if (!location) throw new Error(`the provider stopped at ${next}: ${res.status} ${await res.text()}`)
        const target = new URL(location, next)
        if (target.href.startsWith(redirectUri)) return `${target.pathname}${target.search}`
        next = target.href
      }
      throw new Error('too many redirects at the provider')
    },
  }
}
