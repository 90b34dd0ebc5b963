import type { Translate } from '../../platform/i18n/index.js'
import { CsrfField, ErrorSummary, Field, Notice } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import type { StaffKey } from './staff.messages.js'

/** The staff sign-in form; works without JavaScript. */
export function LoginPage(props: {
  ctx: PageContext
  st: Translate<StaffKey>
  csrf: string
  login?: string
  next?: string
  error?: string
  /** A message after a change that ended the sign-in (the second factor turned on). */
  done?: string | null
}): Html {
  const { st } = props
  return (
    <Layout ctx={props.ctx} title={st('login.title')}>
      <h1>{st('login.title')}</h1>
      <p>{st('login.intro')}</p>
      <Notice message={props.done ?? null} />
      <ErrorSummary
        title={st('errors.summary')}
        errors={props.error ? [{ field: 'login', message: props.error }] : []}
      />
      <form method="post" action="/login" novalidate>
        <CsrfField token={props.csrf} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <Field
          name="login"
          label={st('login.login')}
          value={props.login}
          required
          autocomplete="username"
          maxlength={100}
        />
        <Field
          name="password"
          label={st('login.password')}
          type="password"
          required
          autocomplete="current-password"
          maxlength={1000}
        />
        <Field
          name="totp"
          label={st('login.totp')}
          hint={st('login.totpHint')}
          autocomplete="one-time-code"
          inputmode="numeric"
          maxlength={6}
        />
        <button type="submit">{st('login.submit')}</button>
      </form>
    </Layout>
  )
}
