import { Secret, TOTP } from 'otpauth'

/** RFC 6238 codes: 6 digits, 30 s, SHA-1 (what authenticator apps expect). */
function totpFor(secretBase32: string, login: string): TOTP {
  return new TOTP({
    issuer: 'Ratusz',
    label: login,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  })
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

export function totpUri(secretBase32: string, login: string): string {
  return totpFor(secretBase32, login).toString()
}

/** Accepts the current code and one step either side, for clocks a little apart. */
export function verifyTotp(secretBase32: string, login: string, code: string, at: Date): boolean {
  return totpFor(secretBase32, login).validate({ token: code, timestamp: at.getTime(), window: 1 }) !== null
}

/** The code for a moment; for tests and for showing a device's expected code. */
export function totpCode(secretBase32: string, login: string, at: Date): string {
  return totpFor(secretBase32, login).generate({ timestamp: at.getTime() })
}
