import { createHash } from 'node:crypto'
import * as client from 'openid-client'
import type { Clock } from '../../platform/clock.js'
import { type Db, inTransaction } from '../../platform/db/index.js'
import { AppError } from '../../platform/errors.js'
import * as repo from './eservices.repository.js'
import { isPesel, isRnokpp } from './personal-identifiers.js'
import type { VerifiedIdentity } from './residents.service.js'

export interface OidcSettings {
  issuer: string
  clientId: string
  clientSecret: string | null
  name: string
  scope: string
  peselClaim: string
  rnokppClaim: string
}

const LOGIN_MINUTES = 10
const hash = (value: string) => createHash('sha256').update(value).digest('hex')
const loopback = (url: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname)

const unavailable = (detail: string) =>
  new AppError('SIGN_IN_UNAVAILABLE', 503, 'The identity provider cannot be reached', detail)
const refused = (detail: string) => new AppError('SIGN_IN_FAILED', 400, 'The sign-in did not succeed', detail)

/**
 * Residents' sign-in by OpenID Connect, the authorization code flow with PKCE (openid-client): the
 * provider found by discovery (once, tried again after a failure), a state, a nonce and a code
 * verifier kept for ten minutes per sign-in (by the state's hash; used once), the code exchanged and
 * the ID token checked, and the resident's verified PESEL or РНОКПП read from the configured claims
 * (their checksums checked). Plain http only to a provider on this machine (tests, the demo).
 */
export function oidcSignIn(db: Db, clock: Clock, settings: OidcSettings, redirectUri: string) {
  let discovered: Promise<client.Configuration> | null = null
  function configuration() {
    discovered ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        { redirect_uris: [redirectUri], response_types: ['code'] },
        settings.clientSecret ? client.ClientSecretPost(settings.clientSecret) : client.None(),
        loopback(settings.issuer) ? { execute: [client.allowInsecureRequests] } : {},
      )
      .catch((error: unknown) => {
        discovered = null
        throw unavailable(`Discovery at ${settings.issuer} failed: ${(error as Error).message}`)
      })
    return discovered
  }

  return {
    name: settings.name,

    /** Where to send the resident to sign in, with this sign-in's state kept. */
    async begin(next: string): Promise<URL> {
      const config = await configuration()
      const verifier = client.randomPKCECodeVerifier()
      const state = client.randomState()
      const nonce = client.randomNonce()
      const now = clock.now()
      await repo.insertOidcLogin(db, {
        stateHash: hash(state),
        verifier,
        nonce,
        next,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + LOGIN_MINUTES * 60_000).toISOString(),
      })
      return client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scope,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
    },

    /** The provider's answer (the callback's address): the identity it verified, and where to go next. */
    async finish(callback: URL): Promise<{ identity: VerifiedIdentity; next: string }> {
      const state = callback.searchParams.get('state') ?? ''
      const login = state
        ? await inTransaction(db, (trx) => repo.takeOidcLogin(trx, hash(state), clock.now().toISOString()))
        : undefined
      if (!login)
        throw refused(
          'This sign-in is unknown, was used already or is older than ten minutes: sign in again.',
        )
      const config = await configuration()
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>
      try {
        tokens = await client.authorizationCodeGrant(config, callback, {
          pkceCodeVerifier: login.verifier,
          expectedState: state,
          expectedNonce: login.nonce,
          idTokenExpected: true,
        })
      } catch (error) {
        throw refused(`The identity provider's answer was not accepted: ${(error as Error).message}`)
      }
      const claims = tokens.claims()
      if (!claims) throw refused('The identity provider sent no ID token.')
      const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : null)
      const pesel = text(settings.peselClaim)
      const rnokpp = text(settings.rnokppClaim)
      const identifier =
        pesel && isPesel(pesel)
          ? { kind: 'PESEL' as const, value: pesel }
          : rnokpp && isRnokpp(rnokpp)
            ? { kind: 'RNOKPP' as const, value: rnokpp }
            : null
      const name =
        text('name') ?? ([text('given_name'), text('family_name')].filter(Boolean).join(' ') || null)
      return {
        identity: { subject: `${settings.issuer} ${claims.sub}`, name, email: text('email'), identifier },
        next: login.next,
      }
    },
  }
}

export type OidcSignIn = ReturnType<typeof oidcSignIn>
