import type { Policy } from '../identity/index.js'

/** Who may do what with offices. Staff of an office read their own office; network roles read all. */
export const officesPolicy = {
  read: [
    'admin',
    'coordinator',
    'manager',
    'consultant',
    'chancellery',
    'officer',
    'head',
    'editor',
    'kiosk',
  ],
  create: ['admin'],
  update: ['admin', 'manager'],
  manageStructure: ['admin', 'manager'],
} as const satisfies Policy
