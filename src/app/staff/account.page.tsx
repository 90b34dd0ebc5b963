import type { UserDto } from '../../modules/identity/index.js'
import type { OfficeDto } from '../../modules/offices/index.js'
import { CsrfField, DataTable, ErrorSummary, Field, Notice } from '../../web/forms.js'
import { type Html, h, raw } from '../../web/jsx.js'
import { type StaffContext, StaffLayout } from './staff-layout.js'
import { grantText } from './user-edit.page.js'

export interface AccountPageProps {
  s: StaffContext
  me: UserDto
  offices: OfficeDto[]
  tokens: { id: string; label: string; createdAt: string; expiresAt: string | null }[]
  /** The second factor being set up: its QR code (SVG) and key, until a code confirms it. */
  enrolment: { svg: string; secret: string } | null
  /** A token just created, shown this once. */
  newToken: string | null
  done: string | null
  errors: { field: string; message: string }[]
  values: Record<string, string>
}

/** What the signed-in person manages for themself: password, second factor, personal tokens. */
export function AccountPage(props: AccountPageProps): Html {
  const { st, csrf } = props.s
  const { me } = props
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message
  const day = (iso: string) => iso.slice(0, 10)
  return (
    <StaffLayout s={props.s} title={st('account.title')}>
      <h1>{st('account.title')}</h1>
      <Notice message={props.done} />
      <ErrorSummary title={st('errors.summary')} errors={props.errors} />
      <dl class="facts">
        <dt>{st('users.login')}</dt>
        <dd>{me.login}</dd>
        <dt>{st('users.name')}</dt>
        <dd>{me.name}</dd>
        <dt>{st('users.roles')}</dt>
        <dd>{me.roles.map((g) => grantText(props.s, props.offices, g)).join(', ')}</dd>
      </dl>

      <form method="post" action="/staff/account/password" novalidate>
        <h2 id="password">{st('account.password')}</h2>
        <CsrfField token={csrf} />
        <input type="hidden" name="username" value={me.login} autocomplete="username" />
        <Field
          name="currentPassword"
          label={st('account.current')}
          type="password"
          error={error('currentPassword')}
          required
          autocomplete="current-password"
        />
        <Field
          name="newPassword"
          label={st('account.new')}
          hint={st('users.passwordHint')}
          type="password"
          error={error('newPassword')}
          required
          autocomplete="new-password"
        />
        <Field
          name="repeatPassword"
          label={st('account.repeat')}
          type="password"
          error={error('repeatPassword')}
          required
          autocomplete="new-password"
        />
        <button type="submit">{st('account.change')}</button>
      </form>

      <h2 id="totp">{st('account.totp')}</h2>
      {me.totpEnabled ? (
        <p>{st('account.totpOn')}</p>
      ) : props.enrolment ? (
        <form method="post" action="/staff/account/totp/confirm" novalidate>
          <p>{st('account.totpScan')}</p>
          <figure class="qr">
            {raw(props.enrolment.svg)}
            <figcaption>
              {st('account.totpKey')}: <code>{props.enrolment.secret}</code>
            </figcaption>
          </figure>
          <CsrfField token={csrf} />
          <Field
            name="code"
            label={st('account.totpCode')}
            hint={st('account.totpAfter')}
            error={error('code')}
            required
            autocomplete="one-time-code"
            inputmode="numeric"
            maxlength={6}
          />
          <button type="submit">{st('account.totpConfirm')}</button>
        </form>
      ) : (
        <form method="post" action="/staff/account/totp" novalidate>
          <p>{st('account.totpOff')}</p>
          <CsrfField token={csrf} />
          <button type="submit">{st('account.totpStart')}</button>
        </form>
      )}

      <h2 id="tokens">{st('account.tokens')}</h2>
      <p>{st('account.tokensHint')}</p>
      {props.newToken ? (
        <div class="notice" role="status">
          <p>{st('account.tokenCreated')}</p>
          <p>
            <code class="secret">{props.newToken}</code>
          </p>
        </div>
      ) : null}
      {props.tokens.length === 0 ? (
        <p>{st('account.noTokens')}</p>
      ) : (
        <DataTable
          headers={[
            st('account.tokenLabel'),
            st('account.created'),
            st('account.expires'),
            st('users.actions'),
          ]}
          rows={props.tokens.map((t) => [
            t.label,
            day(t.createdAt),
            t.expiresAt ? day(t.expiresAt) : st('account.never'),
            <form class="inline-form" method="post" action={`/staff/account/tokens/${t.id}/revoke`}>
              <CsrfField token={csrf} />
              <button type="submit" class="secondary">
                {st('account.tokenRevoke', { label: t.label })}
              </button>
            </form>,
          ])}
        />
      )}
      <form method="post" action="/staff/account/tokens" novalidate>
        <h3>{st('account.tokenNew')}</h3>
        <CsrfField token={csrf} />
        <Field
          name="label"
          label={st('account.tokenLabel')}
          hint={st('account.tokenLabelHint')}
          value={props.values.label}
          error={error('label')}
          required
          maxlength={100}
        />
        <Field
          name="expiresOn"
          label={st('account.tokenExpires')}
          type="date"
          value={props.values.expiresOn}
          error={error('expiresOn')}
        />
        <button type="submit">{st('account.tokenCreate')}</button>
      </form>
    </StaffLayout>
  )
}
