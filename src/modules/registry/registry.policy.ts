import { type Role, rules } from '../identity/index.js'

/** Roles that keep or oversee an office's whole registers. */
export const REGISTER_KEEPERS: readonly Role[] = ['admin', 'coordinator', 'manager', 'chancellery']
/** Roles that see the entries of their unit (all units with an office-wide grant). */
export const UNIT_STAFF: readonly Role[] = ['officer', 'head']

/**
 * Who may do what with a register entry, as rules over the actor and the entry (its office, unit and
 * assignee). The chancellery registers and corrects; a head passes a letter on within the office;
 * officers and heads see their unit's letters and write its outgoing ones; the assignee always sees
 * what was given to them.
 */
export const registryRules = {
  /** The whole of an office's registers. */
  keep: rules.role(...REGISTER_KEEPERS),
  read: rules.any(rules.role(...REGISTER_KEEPERS), rules.unit(...UNIT_STAFF), rules.assignee()),
  registerIncoming: rules.role('admin', 'chancellery'),
  editIncoming: rules.role('admin', 'chancellery'),
  assign: rules.any(rules.role('admin', 'chancellery'), rules.unit('head')),
  writeOutgoing: rules.any(rules.role('admin', 'chancellery'), rules.unit(...UNIT_STAFF)),
  dispatch: rules.role('admin', 'chancellery'),
}
