import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A code a person follows their request by without an account: ten letters and digits of Crockford's
 * base32 (no I, L, O, U), in two groups, `K7QM2-X9PTA` (50 random bits).
 */
export function trackingCode(): string {
  const bytes = randomBytes(10)
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('')
  return `${chars.slice(0, 5)}-${chars.slice(5)}`
}
