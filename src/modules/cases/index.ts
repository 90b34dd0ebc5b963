export { READ_TEXT_JOB } from './case-documents.js'
export { caseDocumentsRoutes } from './case-documents.routes.js'
export {
  DOCUMENT_FORMS,
  DOCUMENT_KINDS,
  type DocumentDto,
  NewDocumentBody,
} from './case-documents.schemas.js'
export { CASE_STATUSES, CASE_TRANSITIONS, type CaseAction } from './case-transitions.js'
export { caseRules } from './cases.policy.js'
export { casesRoutes } from './cases.routes.js'
export {
  type CaseDto,
  DelayNoticeBody,
  type DueCountsDto,
  type DueListDto,
  EditTermBody,
} from './cases.schemas.js'
export { type CasesService, createCasesService } from './cases.service.js'
export { classificationRoutes } from './classification.routes.js'
export {
  type ClassificationService,
  classificationRules,
  createClassificationService,
} from './classification.service.js'
export { retentionRoutes } from './retention.routes.js'
