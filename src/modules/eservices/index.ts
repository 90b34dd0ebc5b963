export {
  type ApplicationPorts,
  createApplicationsService,
  SEAL_RECEIPT_JOB,
} from './applications.service.js'
export { eservicesRoutes } from './eservices.routes.js'
export { type SealOwner, verifyReceipt } from './receipt-verification.js'
export {
  createResidentsService,
  RESIDENT_COOKIE,
  RESIDENT_MAIL_JOB,
  type ResidentsService,
} from './residents.service.js'
