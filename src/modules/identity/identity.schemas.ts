import { type Static, Type } from 'typebox'
import { Id } from '../../platform/http/schemas.js'
import { ROLES } from './roles.js'

export const RoleGrantDto = Type.Object({
  role: Type.Enum(ROLES),
  officeId: Type.Union([Id, Type.Null()], { description: 'null for a network-wide grant' }),
})

export const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
    totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  },
  { additionalProperties: false },
)
export type LoginBody = Static<typeof LoginBody>

export const UserSummary = Type.Object({
  id: Id,
  login: Type.String(),
  name: Type.String(),
  roles: Type.Array(RoleGrantDto),
})

export const LoginResponse = Type.Object({
  token: Type.String({ description: 'Bearer token for the API' }),
  user: UserSummary,
})

export const MeResponse = Type.Object({
  id: Id,
  login: Type.String(),
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(RoleGrantDto),
})
