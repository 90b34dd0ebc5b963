export { canonicalJson, entryHash } from './audit.chain.js'
export { auditPolicy } from './audit.policy.js'
export { auditRoutes } from './audit.routes.js'
export {
  type AuditService,
  type ChainCheck,
  createAuditService,
} from './audit.service.js'
