export { deadlinesRoutes } from './deadlines.routes.js'
export { DueStep as DueStepSchema } from './deadlines.schemas.js'
export { createDeadlinesService, type DeadlinesService } from './deadlines.service.js'
export {
  cardTerm,
  defaultCardTerm,
  longestExtension,
  STATUTORY_TERM_CODES,
  STATUTORY_TERMS,
  type StatutoryTermCode,
  statutoryTerm,
} from './statutory-terms.js'
export { type DueStep, daysBetween, dueDate, dueFromNotice, parseTerm, workingDaysAfter } from './term.js'
