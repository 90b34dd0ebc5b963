export { authenticationPlugin, presentedToken, SESSION_COOKIE } from './authenticate.js'
export { identityRoutes } from './identity.routes.js'
export { createIdentityService, type IdentityService, type NewUser } from './identity.service.js'
export {
  type Actor,
  assertAllowed,
  isAllowed,
  officesVisibleTo,
  type Policy,
  ROLES,
  type Role,
  type RoleGrant,
  SYSTEM_ACTOR,
} from './roles.js'
