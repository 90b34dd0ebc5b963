import type { Policy } from '../identity/index.js'

/** The calendar is the network's: its admins and coordinator decide days off; anyone reads it. */
export const calendarPolicy = {
  edit: ['admin', 'coordinator'],
} as const satisfies Policy
