import { type Policy, ROLES } from '../identity/index.js'

/** Who may do what with offices. Staff of an office read their own office; network roles read all. */
export const officesPolicy = {
  /** Every role, within the office of its grant. */
  read: ROLES,
  create: ['admin'],
  update: ['admin', 'manager'],
  manageStructure: ['admin', 'manager'],
} as const satisfies Policy
