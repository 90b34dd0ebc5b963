export {
  actorOf,
  authenticationPlugin,
  SESSION_COOKIE,
  sessionToken,
  staffPagesPlugin,
} from './authenticate.js'
export { identityPolicy } from './identity.policy.js'
export { identityRoutes } from './identity.routes.js'
export {
  CreateUserBody,
  PasswordChangeBody,
  PersonalTokenBody,
  UpdateUserBody,
  type UserDto,
} from './identity.schemas.js'
export { passwordHasher } from './passwords.js'
export { reachOf, withinReach } from './reach.js'
export {
  type Actor,
  ANY_OFFICE,
  assertAllowed,
  auditActorOf,
  auditRecordBy,
  isAllowed,
  isAllowedNetworkWide,
  officesVisibleTo,
  type Policy,
  ROLES,
  type Role,
  type RoleGrant,
  SYSTEM_ACTOR,
} from './roles.js'
export { allow, grantsReachUnit, type Rule, rules, unitsVisibleTo } from './rules.js'
export { createSignInService, type SignInService } from './sign-in.service.js'
export { totpCode } from './totp.js'
export { usersRoutes } from './users.routes.js'
export { createUsersService, type UsersService } from './users.service.js'
