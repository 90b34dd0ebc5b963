import { type Rule, rules } from '../identity/index.js'
import type { CaseAction } from './case-transitions.js'

/**
 * Who may do what with a case: rules over the actor and the case (its office, unit, assignee, and
 * the people given access to it by name). Cases are read by the unit's officers and heads (or the
 * office's, with office-wide grants), the assignee and those given access, and admins; anyone else
 * is refused, and the refusal audited.
 */
export const caseRules = {
  read: rules.any(rules.role('admin'), rules.unit('officer', 'head'), rules.assignee(), rules.sharedWith()),
  open: rules.any(rules.role('admin'), rules.unit('officer', 'head')),
  edit: rules.any(rules.role('admin'), rules.unit('head'), rules.assignee()),
  /** Approval and its relatives (return, reopen, assignment) belong to the head of the unit or above. */
  head: rules.any(rules.role('admin'), rules.unit('head')),
  work: rules.any(rules.role('admin'), rules.unit('head'), rules.assignee()),
  /** Sealing a document with the office's seal is the head's own act, on the office's behalf: not an admin's. */
  seal: rules.unit('head'),
}

/** The rule each workflow step asks. */
export const STEP_RULES: Record<CaseAction, Rule> = {
  assign: caseRules.head,
  start: caseRules.work,
  suspend: caseRules.work,
  resume: caseRules.work,
  submit: caseRules.work,
  approve: caseRules.head,
  return: caseRules.head,
  dispatch: caseRules.work,
  close: caseRules.work,
  reopen: caseRules.head,
}
