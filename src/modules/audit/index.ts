export { canonicalJson, checkChain, entryHash, GENESIS_HASH } from './audit.chain.js'
export { auditPolicy } from './audit.policy.js'
export { auditRoutes } from './audit.routes.js'
export { type AuditService, createAuditService } from './audit.service.js'
