import { type Html, h } from '../web/jsx.js'
import { Layout } from '../web/layout.js'
import type { PageContext } from '../web/page-context.js'

/** The accessible HTML error page for page routes. */
export function ErrorPage(props: {
  ctx: PageContext
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
  const title = t(`error.${kind}.title`)
  return (
    <Layout ctx={props.ctx} title={title}>
      <div class="error-page">
        <h1>{title}</h1>
        <p>
          {kind === 'tooMany'
            ? t('error.tooMany.body', { seconds: props.retryAfterSeconds ?? 60 })
            : t(`error.${kind}.body`)}
        </p>
        <p class="code">{t('error.reference', { id: props.requestId })}</p>
        <p>
          <a href="/">{t('error.backHome')}</a>
        </p>
      </div>
    </Layout>
  )
}
