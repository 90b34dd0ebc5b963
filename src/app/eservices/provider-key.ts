import { generateKeyPairSync } from 'node:crypto'

/** An RSA signing key for an identity provider's ID tokens, as a private JWK (made anew at each start). */
export function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'demo-1' }
}
