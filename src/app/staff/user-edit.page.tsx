import type { Role, RoleGrant, UserDto } from '../../modules/identity/index.js'
import type { OfficeDto } from '../../modules/offices/index.js'
import { Checkbox, CsrfField, ErrorSummary, Field, Notice, Select } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { type StaffContext, StaffLayout } from './staff-layout.js'

export interface UserEditPageProps {
  s: StaffContext
  user: UserDto
  offices: OfficeDto[]
  /** Roles the viewer may grant. */
  grantable: readonly string[]
  done: string | null
  now: Date
  errors: { field: string; message: string }[]
  values: Record<string, string>
}

/** A grant in words: "Case officer (Lviv)". */
export function grantText(s: StaffContext, offices: readonly OfficeDto[], g: RoleGrant): string {
  const office = g.officeId ? offices.find((o) => o.id === g.officeId) : null
  const where = g.officeId ? (office?.name[s.ctx.lang] ?? g.officeId) : s.st('users.network')
  return `${s.st(`role.${g.role}`)} (${where}${g.unitId ? `, ${s.st('user.oneUnit')}` : ''})`
}

/**
 * One account for a manager or admin: name and e-mail, its roles (remove some, add one), a new
 * password set by the admin, the sign-in wait and the status.
 */
export function UserEditPage(props: UserEditPageProps): Html {
  const { st, csrf } = props.s
  const { user } = props
  const base = `/staff/users/${user.id}`
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message
  const value = (field: string, fallback: string | null) => props.values[field] ?? fallback ?? ''
  const Version = () => <input type="hidden" name="version" value={String(user.version)} />
  return (
    <StaffLayout s={props.s} title={st('user.title', { login: user.login })}>
      <p>
        <a href="/staff/users">{st('user.back')}</a>
      </p>
      <h1>{st('user.title', { login: user.login })}</h1>
      <Notice message={props.done} />
      <ErrorSummary title={st('errors.summary')} errors={props.errors} />
      <p>
        {st(user.status === 'active' ? 'status.active' : 'status.disabled')} ·{' '}
        {st(user.totpEnabled ? 'user.totpOn' : 'user.totpOff')}
      </p>

      <form method="post" action={base} novalidate>
        <h2>{st('user.details')}</h2>
        <CsrfField token={csrf} />
        <Version />
        <Field
          name="name"
          label={st('users.name')}
          value={value('name', user.name)}
          error={error('name')}
          required
          maxlength={200}
        />
        <Field
          name="email"
          label={st('users.email')}
          type="email"
          value={value('email', user.email)}
          error={error('email')}
          maxlength={200}
        />
        <button type="submit">{st('user.save')}</button>
      </form>

      <form method="post" action={`${base}/roles`} novalidate>
        <h2 id="roles">{st('users.roles')}</h2>
        <CsrfField token={csrf} />
        <Version />
        <fieldset class={error('roles') ? 'field field-error' : 'field'} id="field-roles">
          <legend>{st('user.rolesKept')}</legend>
          <p class="hint">{st('user.rolesHint')}</p>
          {error('roles') ? <p class="error">{error('roles')}</p> : null}
          {user.roles.map((g, i) => (
            <Checkbox name={`keep-${i}`} label={grantText(props.s, props.offices, g)} checked />
          ))}
        </fieldset>
        <Select
          name="role"
          label={st('user.addRole')}
          value={props.values.role}
          options={[
            { value: '', label: st('user.noNewRole') },
            ...props.grantable.map((r) => ({ value: r, label: st(`role.${r}` as `role.${Role}`) })),
          ]}
        />
        <Select
          name="officeId"
          label={st('users.office')}
          value={props.values.officeId}
          options={[
            { value: '', label: st('users.network') },
            ...props.offices.map((o) => ({ value: o.id, label: o.name[props.s.ctx.lang] })),
          ]}
        />
        <button type="submit">{st('user.saveRoles')}</button>
      </form>

      <form method="post" action={`${base}/password`} novalidate>
        <h2 id="password">{st('user.password')}</h2>
        <CsrfField token={csrf} />
        <Version />
        <Field
          name="password"
          label={st('users.password')}
          hint={st('user.passwordHint')}
          type="password"
          error={error('password')}
          required
          autocomplete="new-password"
        />
        <button type="submit">{st('user.setPassword')}</button>
      </form>

      <h2>{st('user.signIn')}</h2>
      {user.signInHeldUntil ? (
        <form class="inline-form" method="post" action={`${base}/unlock`}>
          <CsrfField token={csrf} />
          <input type="hidden" name="from" value="user" />
          <p>
            {st('users.heldUntil', {
              minutes: Math.max(
                1,
                Math.ceil((Date.parse(user.signInHeldUntil) - props.now.getTime()) / 60_000),
              ),
            })}
          </p>
          <button type="submit">{st('users.unlock', { login: user.login })}</button>
        </form>
      ) : (
        <p>{st('user.notHeld')}</p>
      )}
      {user.id === props.s.actor.id ? null : (
        <form
          class="inline-form"
          method="post"
          action={`${base}/${user.status === 'active' ? 'disable' : 'enable'}`}
        >
          <CsrfField token={csrf} />
          <input type="hidden" name="from" value="user" />
          <button type="submit" class="secondary">
            {st(user.status === 'active' ? 'users.disable' : 'users.enable', { login: user.login })}
          </button>
        </form>
      )}
    </StaffLayout>
  )
}
