import { type ErrorCode, errorSlug } from '../platform/error-codes.js'
import { type Html, h } from '../web/jsx.js'
import { Layout } from '../web/layout.js'
import type { PageContext } from '../web/page-context.js'
import { errorTypesTexts } from './error-types/error-types.messages.js'

/**
 * The accessible HTML error page for page routes: a missing page, a refusal and a burst in the
 * site's words; any other error in its code's own (what /errors/<code> explains), with a link there.
 */
export function ErrorPage(props: {
  ctx: PageContext
  code: ErrorCode
  status: number
  requestId: string
  /** On a 429: when to try again. */
  retryAfterSeconds?: number | undefined
}): Html {
  const { t } = props.ctx
  const kind =
    props.status === 404
      ? 'notFound'
      : props.status === 403
        ? 'forbidden'
        : props.status === 429
          ? 'tooMany'
          : 'generic'
  const et = errorTypesTexts(props.ctx.lang)
  const title = kind === 'generic' ? et(`${props.code}.title`) : t(`error.${kind}.title`)
  return (
    <Layout ctx={props.ctx} title={title}>
      <div class="error-page">
        <h1>{title}</h1>
        <p>
          {kind === 'tooMany'
            ? t('error.tooMany.body', { seconds: props.retryAfterSeconds ?? 60 })
            : kind === 'generic'
              ? et(`${props.code}.body`)
              : t(`error.${kind}.body`)}
        </p>
        {kind === 'generic' ? (
          <p>
            <a href={`/errors/${errorSlug(props.code)}`}>{et('page.aboutCode', { code: props.code })}</a>
          </p>
        ) : null}
        <p class="code">{t('error.reference', { id: props.requestId })}</p>
        <p>
          <a href="/">{t('error.backHome')}</a>
        </p>
      </div>
    </Layout>
  )
}
