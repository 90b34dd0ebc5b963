import type { Policy } from '../identity/index.js'

/** Editors and admins write cards; all staff read drafts; residents read published cards without an account. */
export const cataloguePolicy = {
  write: ['admin', 'editor'],
  readDrafts: ['admin', 'coordinator', 'manager', 'consultant', 'chancellery', 'officer', 'head', 'editor'],
} as const satisfies Policy
