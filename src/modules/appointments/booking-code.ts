import { randomInt } from 'node:crypto'

/**
 * Booking codes are read off a phone or a sheet of paper and typed at a kiosk, so they are drawn from
 * Crockford's base 32 (without U): of each pair of look-alikes only one is in it (0 not O, 1 not I or
 * L), and a typed look-alike is read as the one in it.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const CODE_LENGTH = 6

export function newBookingCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
}

/**
 * The codes a typed one may be: look-alikes read as the alphabet's (O → 0, I and L → 1), spaces and
 * dashes ignored, any case; and the typed one as it was, for codes made before this alphabet (they
 * had every letter and digit).
 */
export function codeCandidates(typed: string): string[] {
  const plain = plainCode(typed)
  const read = plain.replace(/O/g, '0').replace(/[IL]/g, '1')
  return read === plain ? [plain] : [read, plain]
}

/** A code as typed, without the spaces and dashes people add, in capitals: `7k3-m9q` → `7K3M9Q`. */
export function plainCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase()
}

/** Whether a plain code has a booking code's shape: six letters or digits. */
export function hasBookingCodeShape(plain: string): boolean {
  return new RegExp(`^[A-Z0-9]{${CODE_LENGTH}}$`).test(plain)
}
