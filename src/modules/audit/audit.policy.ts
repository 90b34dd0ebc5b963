import type { Policy } from '../identity/index.js'

/** Managers read their own office's entries; the network roles read everything. */
export const auditPolicy = {
  read: ['admin', 'coordinator', 'manager'],
  verify: ['admin', 'coordinator', 'manager'],
} as const satisfies Policy
