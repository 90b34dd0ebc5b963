import { randomBytes } from 'node:crypto'
import { v7 as uuidv7 } from 'uuid'

/** A new identifier: UUIDv7, so ids sort by creation time and make stable pagination cursors. */
export function newId(): string {
  return uuidv7()
}

/** A secret for tokens and codes: 32 random bytes, base64url. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}
