import type { Role, UserDto } from '../../modules/identity/index.js'
import type { OfficeDto } from '../../modules/offices/index.js'
import { CsrfField, DataTable, ErrorSummary, Field, Notice, Select } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { type StaffContext, StaffLayout } from './staff-layout.js'
import { grantText } from './user-edit.page.js'

export interface UsersPageProps {
  s: StaffContext
  users: UserDto[]
  offices: OfficeDto[]
  /** Roles the viewer may grant; empty: the viewer manages no accounts. */
  grantable: readonly string[]
  done: string | null
  /** When the page is shown (how long a sign-in wait has left). */
  now: Date
  errors: { field: string; message: string }[]
  values: Record<string, string>
}

/** Staff accounts the viewer may see; managers and admins create, disable and enable them. */
export function UsersPage(props: UsersPageProps): Html {
  const { st, ctx, csrf } = props.s
  const error = (field: string) =>
    props.errors.find((e) => e.field === field || e.field.startsWith(`${field}-`))?.message
  const canManage = props.grantable.length > 0
  const minutesLeft = (until: string) =>
    Math.max(1, Math.ceil((Date.parse(until) - props.now.getTime()) / 60_000))
  return (
    <StaffLayout s={props.s} title={st('users.title')}>
      <h1>{st('users.title')}</h1>
      <Notice message={props.done} />
      <ErrorSummary title={st('errors.summary')} errors={props.errors} />
      <DataTable
        headers={[
          st('users.login'),
          st('users.name'),
          st('users.roles'),
          st('users.status'),
          ...(canManage ? [st('users.actions')] : []),
        ]}
        rows={props.users.map((u) => [
          canManage ? <a href={`/staff/users/${u.id}`}>{u.login}</a> : u.login,
          u.name,
          u.roles.map((g) => grantText(props.s, props.offices, g)).join(', '),
          u.signInHeldUntil
            ? `${st(u.status === 'active' ? 'status.active' : 'status.disabled')}: ${st('users.heldUntil', { minutes: minutesLeft(u.signInHeldUntil) })}`
            : st(u.status === 'active' ? 'status.active' : 'status.disabled'),
          ...(canManage
            ? [
                <div class="actions">
                  {u.signInHeldUntil ? (
                    <form class="inline-form" method="post" action={`/staff/users/${u.id}/unlock`}>
                      <CsrfField token={csrf} />
                      <button type="submit">{st('users.unlock', { login: u.login })}</button>
                    </form>
                  ) : null}
                  {u.id === props.s.actor.id ? null : (
                    <form
                      class="inline-form"
                      method="post"
                      action={`/staff/users/${u.id}/${u.status === 'active' ? 'disable' : 'enable'}`}
                    >
                      <CsrfField token={csrf} />
                      <button type="submit" class="secondary">
                        {st(u.status === 'active' ? 'users.disable' : 'users.enable', { login: u.login })}
                      </button>
                    </form>
                  )}
                </div>,
              ]
            : []),
        ])}
      />
      {canManage ? (
        <form method="post" action="/staff/users" novalidate>
          <h2>{st('users.create')}</h2>
          <CsrfField token={csrf} />
          <Field
            name="login"
            label={st('users.login')}
            value={props.values.login}
            error={error('login')}
            required
            autocomplete="off"
            maxlength={64}
          />
          <Field
            name="name"
            label={st('users.name')}
            value={props.values.name}
            error={error('name')}
            required
            maxlength={200}
          />
          <Field
            name="email"
            label={st('users.email')}
            type="email"
            value={props.values.email}
            error={error('email')}
            maxlength={200}
          />
          <Field
            name="password"
            label={st('users.password')}
            hint={st('users.passwordHint')}
            type="password"
            error={error('password')}
            required
            autocomplete="new-password"
          />
          <Select
            name="role"
            label={st('users.role')}
            value={props.values.role}
            error={error('roles')}
            options={props.grantable.map((r) => ({ value: r, label: st(`role.${r}` as `role.${Role}`) }))}
          />
          <Select
            name="officeId"
            label={st('users.office')}
            value={props.values.officeId}
            options={[
              { value: '', label: st('users.network') },
              ...props.offices.map((o) => ({ value: o.id, label: o.name[ctx.lang] })),
            ]}
          />
          <button type="submit">{st('users.submit')}</button>
        </form>
      ) : null}
    </StaffLayout>
  )
}
