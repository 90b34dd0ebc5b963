import type { SignatureReportDto } from '../../modules/signatures/index.js'
import type { Lang } from '../../platform/i18n/index.js'
import { ErrorSummary } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import { type VerifyKey, verifyTexts } from './verify.messages.js'

type Report = SignatureReportDto

/** What an indication or sub-indication means in words, in the reader's language. */
export function meaning(lang: Lang, r: Pick<Report, 'indication' | 'subIndication'>): string[] {
  const t = verifyTexts(lang)
  const sub = r.subIndication ? (`v.sub.${r.subIndication}` as VerifyKey) : null
  return [t(`v.${r.indication}`), ...(sub ? [t(sub)] : [])]
}

/** The one form: the signed file, the detached document, check or check and download the report. */
function VerifyForm(p: {
  ctx: PageContext
  csrf: string
  errors: { field: string; message: string }[]
}): Html {
  const t = verifyTexts(p.ctx.lang)
  const error = p.errors.find((e) => e.field === 'file')?.message
  const action = (pdf: boolean) => `/verify?_csrf=${encodeURIComponent(p.csrf)}${pdf ? '&as=pdf' : ''}`
  return (
    <form method="post" enctype="multipart/form-data" action={action(false)}>
      <div class={error ? 'field field-error' : 'field'}>
        <label for="field-file">{t('v.file')}</label>
        {error ? (
          <p class="error" id="field-file-error">
            {error}
          </p>
        ) : null}
        <input
          id="field-file"
          type="file"
          name="file"
          required
          aria-describedby={error ? 'field-file-error' : undefined}
          aria-invalid={error ? 'true' : undefined}
        />
      </div>
      <div class="field">
        <label for="field-data">{t('v.data')}</label>
        <input id="field-data" type="file" name="data" />
      </div>
      <button type="submit">{t('v.check')}</button>{' '}
      <button type="submit" class="secondary" formaction={action(true)}>
        {t('v.pdf')}
      </button>
    </form>
  )
}

export function VerifyPage(p: {
  ctx: PageContext
  csrf: string
  errors: { field: string; message: string }[]
}): Html {
  const t = verifyTexts(p.ctx.lang)
  return (
    <Layout ctx={p.ctx} title={t('v.title')}>
      <h1>{t('v.title')}</h1>
      <p class="lead">{t('v.intro')}</p>
      <ErrorSummary title={t('v.errors')} errors={p.errors} />
      <VerifyForm ctx={p.ctx} csrf={p.csrf} errors={p.errors} />
    </Layout>
  )
}

/** The report: the overall result, then each signature with its signer and what its outcome means. */
export function VerifyReportPage(p: {
  ctx: PageContext
  csrf: string
  valid: boolean
  signatures: Report[]
}): Html {
  const t = verifyTexts(p.ctx.lang)
  const none = t('v.none')
  return (
    <Layout ctx={p.ctx} title={t('v.result')}>
      <h1>{t('v.title')}</h1>
      <p role="status" class={p.valid ? 'notice' : 'warning'}>
        <strong>{p.valid ? t('v.valid') : t('v.invalid')}</strong>
      </p>
      {p.signatures.map((s, i) => (
        <section aria-labelledby={`signature-${i}`} class="signature-report">
          <h2 id={`signature-${i}`}>
            {t('v.signature', { n: i + 1 })}: {s.indication}
            {s.subIndication ? ` / ${s.subIndication}` : ''}
          </h2>
          {meaning(p.ctx.lang, s).map((m) => (
            <p>{m}</p>
          ))}
          <dl class="facts">
            <dt>{t('v.signer')}</dt>
            <dd>{s.signer?.subject ?? none}</dd>
            {s.signer?.identifiers.length ? <dt>{t('v.identifiers')}</dt> : null}
            {s.signer?.identifiers.length ? (
              <dd>{s.signer.identifiers.map((x) => `${x.kind} ${x.value}`).join(', ')}</dd>
            ) : null}
            <dt>{t('v.issuer')}</dt>
            <dd>{s.signer?.issuer ?? none}</dd>
            <dt>{t('v.time')}</dt>
            <dd>{s.signingTime ?? none}</dd>
            {s.timestamps.length ? <dt>{t('v.stamps')}</dt> : null}
            {s.timestamps.length ? (
              <dd>
                <ul>
                  {s.timestamps.map((ts) => (
                    <li>{`${ts.time ?? none}${ts.tsa ? `, ${ts.tsa}` : ''}: ${t(`v.stamp.${ts.indication}`)}`}</li>
                  ))}
                </ul>
              </dd>
            ) : null}
            <dt>{t('v.level')}</dt>
            <dd>{`${s.format} ${s.level ?? ''}`}</dd>
            <dt>{t('v.algorithm')}</dt>
            <dd>{[s.signatureAlgorithm, s.digestAlgorithm].filter(Boolean).join(', ')}</dd>
            <dt>{t('v.digest')}</dt>
            <dd>
              <code>{s.signedDataDigest?.value ?? none}</code>
            </dd>
            <dt>{t('v.chain')}</dt>
            <dd>
              <ol>
                {s.chain.map((c) => (
                  <li>{c.subject}</li>
                ))}
              </ol>
            </dd>
          </dl>
        </section>
      ))}
      <h2>{t('v.again')}</h2>
      <VerifyForm ctx={p.ctx} csrf={p.csrf} errors={[]} />
    </Layout>
  )
}
