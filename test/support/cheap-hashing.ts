/**
 * The environment that makes a Ratusz (in-process or a child process) hash passwords at the cheapest
 * cost argon2 allows: 8 KiB, one pass. Ratusz accepts it only under NODE_ENV=test; the production
 * cost is checked in test/app/password-hashing.test.ts.
 */
export const CHEAP_PASSWORD_HASHING = {
  NODE_ENV: 'test',
  RATUSZ_ARGON2_MEMORY_KIB: '8',
  RATUSZ_ARGON2_PASSES: '1',
} as const
