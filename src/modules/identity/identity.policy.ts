import type { Policy, Role } from './roles.js'

/** Who may read and manage staff accounts. Managers act only within their office. */
export const identityPolicy = {
  readUsers: ['admin', 'coordinator', 'manager'],
  manageUsers: ['admin', 'manager'],
} as const satisfies Policy

/** What a manager may grant, and only for their own office: never admin, coordinator or manager. */
export const MANAGER_GRANTABLE: readonly Role[] = [
  'consultant',
  'chancellery',
  'officer',
  'head',
  'editor',
  'kiosk',
]
