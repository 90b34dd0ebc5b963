import type { Policy } from '../identity/index.js'

/** Managers read their own office's entries; the network roles read everything. */
export const auditPolicy = {
  read: ['admin', 'coordinator', 'manager'],
  verify: ['admin', 'coordinator', 'manager'],
  /** Anchoring ties every office's chain together: a network act. */
  anchor: ['admin', 'coordinator'],
} as const satisfies Policy
