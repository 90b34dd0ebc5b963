import { DELIVERIES, type InformationRequestStatusDto } from '../../modules/information-requests/index.js'
import { CsrfField, ErrorSummary, Field, Select, TextArea } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import { DueSteps, dayInWords } from '../deadlines/due-steps.js'
import { requestPageTexts } from './requests.messages.js'

/** The public form: a request for public information, no account, no JavaScript needed. */
export function RequestFormPage(p: {
  ctx: PageContext
  csrf: string
  offices: { id: string; name: string }[]
  values: Record<string, string>
  errors: { field: string; message: string }[]
}): Html {
  const t = requestPageTexts(p.ctx.lang)
  const v = p.values
  const error = (field: string) => p.errors.find((e) => e.field === field)?.message
  return (
    <Layout ctx={p.ctx} title={t('ir.title')}>
      <h1>{t('ir.title')}</h1>
      <p class="lead">{t('ir.intro')}</p>
      <ErrorSummary title={t('ir.errors')} errors={p.errors} />
      <form method="post" action="/information-request" novalidate>
        <CsrfField token={p.csrf} />
        <Select
          name="officeId"
          label={t('ir.office')}
          value={v.officeId ?? p.offices[0]?.id ?? ''}
          options={p.offices.map((o) => ({ value: o.id, label: o.name }))}
          error={error('officeId')}
        />
        <TextArea
          name="request"
          label={t('ir.request')}
          hint={t('ir.requestHint')}
          rows={6}
          value={v.request}
          error={error('request')}
        />
        <Field name="name" label={t('ir.name')} value={v.name} autocomplete="name" error={error('name')} />
        <fieldset>
          <legend>{t('ir.delivery')}</legend>
          {DELIVERIES.map((d) => (
            <div class="choice">
              <input
                type="radio"
                id={`delivery-${d}`}
                name="delivery"
                value={d}
                checked={(v.delivery ?? 'email') === d}
              />
              <label for={`delivery-${d}`}>{t(`ir.delivery.${d}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field
          name="email"
          label={t('ir.email')}
          type="email"
          autocomplete="email"
          value={v.email}
          error={error('email')}
        />
        <TextArea
          name="address"
          label={t('ir.address')}
          rows={2}
          value={v.address}
          error={error('address')}
        />
        <button type="submit">{t('ir.send')}</button>
      </form>
      <TrackForm ctx={p.ctx} />
    </Layout>
  )
}

function TrackForm(p: { ctx: PageContext; error?: string | undefined; code?: string | undefined }): Html {
  const t = requestPageTexts(p.ctx.lang)
  return (
    <section aria-labelledby="track-heading">
      <h2 id="track-heading">{t('ir.track')}</h2>
      <form method="get" action="/information-request/track" class="inline-form" novalidate>
        <Field name="code" label={t('ir.code')} hint={t('ir.trackHint')} value={p.code} error={p.error} />
        <button type="submit" class="secondary">
          {t('ir.show')}
        </button>
      </form>
    </section>
  )
}

/** A code that finds no request: the tracking form again, with the error next to it. */
export function TrackNotFoundPage(p: { ctx: PageContext; code: string }): Html {
  const t = requestPageTexts(p.ctx.lang)
  return (
    <Layout ctx={p.ctx} title={t('ir.track')}>
      <h1>{t('ir.track')}</h1>
      <ErrorSummary title={t('ir.errors')} errors={[{ field: 'code', message: t('ir.notFound') }]} />
      <TrackForm ctx={p.ctx} code={p.code} error={t('ir.notFound')} />
    </Layout>
  )
}

/** Where a request stands, for its requester: no personal data, the due date with its steps. */
export function RequestStatusPage(p: {
  ctx: PageContext
  r: InformationRequestStatusDto
  fresh: boolean
}): Html {
  const t = requestPageTexts(p.ctx.lang)
  const { r } = p
  const day = (date: string) => dayInWords(p.ctx.lang, date)
  return (
    <Layout ctx={p.ctx} title={t('st.title', { code: r.trackingCode })}>
      <h1>{t('st.title', { code: r.trackingCode })}</h1>
      {p.fresh ? (
        <p class="notice" role="status">
          {t('st.keep')}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('st.status')}</dt>
        <dd>
          <strong>{t(`st.status.${r.status}`)}</strong>
        </dd>
        <dt>{t('st.office')}</dt>
        <dd>{r.office.name[p.ctx.lang] ?? ''}</dd>
        <dt>{t('st.letter')}</dt>
        <dd>{r.letterNumber}</dd>
        <dt>{t('st.case')}</dt>
        <dd>{r.caseSign}</dd>
        <dt>{t('st.received')}</dt>
        <dd>{day(r.receivedOn)}</dd>
        {r.dueOn && r.status !== 'answered' && r.status !== 'refused' ? <dt>{t('st.due')}</dt> : null}
        {r.dueOn && r.status !== 'answered' && r.status !== 'refused' ? (
          <dd>
            <strong>{day(r.dueOn)}</strong>
            {r.extension ? (
              <p>
                {t('st.extended', {
                  until: day(r.extension.until),
                  notified: day(r.extension.notifiedOn),
                  reason: r.extension.reason,
                })}
              </p>
            ) : null}
            <details>
              <summary>{t('st.how')}</summary>
              <DueSteps lang={p.ctx.lang} steps={r.dueSteps} />
            </details>
          </dd>
        ) : null}
        {r.refusal ? <dt>{t('st.status.refused')}</dt> : null}
        {r.refusal ? <dd>{t('st.refused', { on: day(r.refusal.on), reason: r.refusal.reason })}</dd> : null}
      </dl>
      <TrackForm ctx={p.ctx} />
    </Layout>
  )
}
