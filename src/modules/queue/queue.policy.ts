import { type Policy, ROLES, rules } from '../identity/index.js'

/**
 * Who may do what in the front office, always within the office of the grant. Managers set up
 * queues, desks and the policy; front-desk staff issue tickets and work at desks; a kiosk device
 * only issues tickets.
 */
export const queuePolicy = {
  manage: ['admin', 'manager'],
  issue: ['admin', 'manager', 'consultant', 'chancellery', 'officer', 'kiosk'],
  work: ['admin', 'manager', 'consultant', 'chancellery', 'officer'],
  /** Quality figures of an office: its managers, the network's coordinator. */
  stats: ['admin', 'coordinator', 'manager', 'head'],
  /** Every role, within the office of its grant. */
  read: ROLES,
} as const satisfies Policy

/** Rules that look at the ticket too, not only at the role. */
export const ticketRules = {
  /** Transferring a ticket a clerk is serving: that clerk, or a manager of the office. */
  passOn: rules.any(rules.assignee(), rules.role(...queuePolicy.manage)),
}
