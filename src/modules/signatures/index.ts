export type { SignatureReport as SignatureReportDto } from './report.js'
export { signaturesRoutes } from './signatures.routes.js'
export { createSignaturesService, type SignaturesService } from './signatures.service.js'
