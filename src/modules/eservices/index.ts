export {
  type ApplicationPorts,
  type ApplicationsService,
  createApplicationsService,
  SEAL_RECEIPT_JOB,
} from './applications.service.js'
export { eservicesTexts } from './eservices.messages.js'
export { eservicesRoutes } from './eservices.routes.js'
export type { ResidentRow } from './eservices.tables.js'
export { type ProblemKind, questionsAsked, stepsShown } from './form-answers.js'
export { type OidcSignIn, oidcSignIn } from './oidc-sign-in.js'
export { isPesel, isRnokpp } from './personal-identifiers.js'
export { type SealOwner, verifyReceipt } from './receipt-verification.js'
export {
  createResidentsService,
  RESIDENT_COOKIE,
  RESIDENT_MAIL_JOB,
  type ResidentsService,
} from './residents.service.js'
