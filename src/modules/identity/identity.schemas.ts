import { type Static, Type } from 'typebox'
import { Id, Instant } from '../../platform/http/schemas.js'
import { ROLES } from './roles.js'

export const RoleGrantDto = Type.Object(
  {
    role: Type.Enum(ROLES),
    officeId: Type.Union([Id, Type.Null()], { description: 'null for a network-wide grant' }),
    unitId: Type.Optional(
      Type.Union([Id, Type.Null()], {
        description:
          'One unit of the office (officer, head): its correspondence and cases. null or absent: the whole office',
      }),
    ),
  },
  { additionalProperties: false },
)

export const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
    totp: Type.Optional(
      Type.String({ pattern: '^[0-9]{6}$', description: 'Current code of the second factor, when it is on' }),
    ),
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
  mustSetUpTotp: Type.Boolean({
    description: 'This account must set up its second factor before anything else',
  }),
})

const Login = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{1,63}$',
  description: 'Lower-case letters, digits, . _ -',
})
const Password = Type.String({ minLength: 12, maxLength: 200, description: 'At least 12 characters' })
const Email = Type.String({ format: 'email', maxLength: 200 })
const Name = Type.String({ minLength: 1, maxLength: 200 })

export const UserDto = Type.Object({
  id: Id,
  login: Type.String(),
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(['active', 'disabled']),
  roles: Type.Array(RoleGrantDto),
  totpEnabled: Type.Boolean(),
  signInHeldUntil: Type.Union([Instant, Type.Null()], {
    description:
      'Failed sign-ins make the account wait until then before its next attempt (null: it does not wait); an admin can lift it',
  }),
  version: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
})
export type UserDto = Static<typeof UserDto>

export const CreateUserBody = Type.Object(
  {
    login: Login,
    password: Password,
    name: Name,
    email: Type.Optional(Type.Union([Email, Type.Null()])),
    roles: Type.Array(RoleGrantDto, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
)
export type CreateUserBody = Static<typeof CreateUserBody>

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Name),
    email: Type.Optional(Type.Union([Email, Type.Null()])),
    password: Type.Optional(Password),
    roles: Type.Optional(Type.Array(RoleGrantDto, { minItems: 1, maxItems: 50 })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateUserBody = Static<typeof UpdateUserBody>

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200, description: 'The password in use now' }),
    newPassword: Password,
  },
  { additionalProperties: false },
)
export type PasswordChangeBody = Static<typeof PasswordChangeBody>

export const PersonalTokenBody = Type.Object(
  {
    label: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'What the token is for, e.g. "kiosk hall A"',
    }),
    expiresAt: Type.Optional(Type.Union([Instant, Type.Null()])),
  },
  { additionalProperties: false },
)
export const PersonalTokenDto = Type.Object({
  id: Id,
  label: Type.String(),
  createdAt: Instant,
  expiresAt: Type.Union([Instant, Type.Null()]),
})
export const CreatedTokenDto = Type.Object({
  id: Id,
  label: Type.String(),
  createdAt: Instant,
  expiresAt: Type.Union([Instant, Type.Null()]),
  token: Type.String({ description: 'Shown once; only its hash is kept' }),
})

export const TotpEnrolment = Type.Object({
  secret: Type.String({ description: 'Base32 secret for an authenticator app' }),
  otpauthUri: Type.String({ description: 'otpauth:// URI (for a QR code)' }),
})
export const TotpCodeBody = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$' }) },
  { additionalProperties: false },
)
