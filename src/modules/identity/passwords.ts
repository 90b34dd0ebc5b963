import { hash, verify } from '@node-rs/argon2'
import type { PasswordHashing } from '../../platform/config.js'

/** Hashes and checks staff passwords with argon2id at the configured cost. */
export interface Passwords {
  hash(password: string): Promise<string>
  /** Whether the password is the one hashed; the cost is the one the hash was made with. */
  verify(passwordHash: string, password: string): Promise<boolean>
  /** A hash of nothing anyone knows, verified when the login is unknown so timing does not reveal it. */
  decoy(): Promise<string>
}

export function passwordHasher(cost: PasswordHashing): Passwords {
  // 2 is Algorithm.Argon2id, a const enum that isolated modules cannot import.
  const options = {
    algorithm: 2,
    memoryCost: cost.memoryKiB,
    timeCost: cost.passes,
    parallelism: cost.parallelism,
  } as const
  const hashPassword = (password: string) => hash(password, options)
  let decoy: Promise<string> | null = null
  return {
    hash: hashPassword,
    async verify(passwordHash, password) {
      try {
        return await verify(passwordHash, password)
      } catch {
        return false
      }
    },
    decoy() {
      decoy ??= hashPassword(`decoy-${Math.random()}`)
      return decoy
    },
  }
}
