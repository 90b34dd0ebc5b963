import type { Question } from '../../modules/catalogue/index.js'
import { eservicesTexts } from '../../modules/eservices/index.js'
import type { Lang } from '../../platform/i18n/index.js'
import { assetUrl } from '../../web/assets-manifest.js'
import { CsrfField, ErrorSummary, Field, TextArea } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import { dayInWords } from '../deadlines/due-steps.js'
import { applyTexts } from './apply.messages.js'
import { answerInWords, QuestionControl } from './question-control.js'

type Answers = Record<string, unknown>
type FileFacts = { question: string; name: string }
type Errors = { field: string; message: string }[]

/** The script that shows an upload's progress (the forms work without it). */
const uploadScript = () => <script src={assetUrl('upload.js')} defer></script>

const momentInWords = (lang: Lang, at: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Warsaw' }).format(
    new Date(at),
  )

/** Sign-in before applying: the e-mail link (where the card allows it) and the identity provider. */
export function SignInPage(p: {
  ctx: PageContext
  csrf: string
  title: string
  next: string
  emailAllowed: boolean
  provider: string | null
  errors?: Errors
  email?: string
}): Html {
  const t = applyTexts(p.ctx.lang)
  const error = p.errors?.find((e) => e.field === 'email')?.message
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <h1>{p.title}</h1>
      <p class="lead">{t('apply.signInWhy')}</p>
      <ErrorSummary title={t('apply.errors')} errors={p.errors ?? []} />
      {p.provider ? (
        <form method="post" action="/my/sign-in/oidc">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="next" value={p.next} />
          <button type="submit">{t('apply.signInProvider', { provider: p.provider })}</button>
        </form>
      ) : null}
      {p.emailAllowed ? (
        <section aria-labelledby="email-heading">
          <h2 id="email-heading">{t('apply.signInEmail')}</h2>
          <form method="post" action="/my/sign-in-link" novalidate>
            <CsrfField token={p.csrf} />
            <input type="hidden" name="next" value={p.next} />
            <Field
              name="email"
              label={t('apply.email')}
              type="email"
              autocomplete="email"
              value={p.email}
              error={error}
            />
            <button type="submit" class={p.provider ? 'secondary' : undefined}>
              {t('apply.sendLink')}
            </button>
          </form>
        </section>
      ) : (
        <p>{t('apply.accountNeeded')}</p>
      )}
    </Layout>
  )
}

export function LinkSentPage(p: { ctx: PageContext; email: string }): Html {
  const t = applyTexts(p.ctx.lang)
  return (
    <Layout ctx={p.ctx} title={t('apply.linkSent')}>
      <h1>{t('apply.linkSent')}</h1>
      <p class="notice" role="status">
        {t('apply.linkSentBody', { email: p.email })}
      </p>
    </Layout>
  )
}

/** The start of an application: what it is, where to apply (when several offices provide it). */
export function ApplyStartPage(p: {
  ctx: PageContext
  csrf: string
  code: string
  service: string
  offices: { id: string; name: string }[]
  officeId: string | null
  errors: Errors
}): Html {
  const t = applyTexts(p.ctx.lang)
  const title = t('apply.title', { service: p.service })
  const chosen = p.officeId ?? (p.offices.length === 1 ? p.offices[0]?.id : undefined)
  return (
    <Layout ctx={p.ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('apply.intro')}</p>
      <ErrorSummary title={t('apply.errors')} errors={p.errors} />
      <form method="post" action={`/services/${p.code}/apply`} novalidate>
        <CsrfField token={p.csrf} />
        <div class={p.errors.length ? 'field field-error' : 'field'}>
          <fieldset id="field-officeId">
            <legend>{t('apply.office')}</legend>
            {p.errors[0] ? <p class="error">{p.errors[0].message}</p> : null}
            {p.offices.map((o, i) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`office-${i}`}
                  name="officeId"
                  value={o.id}
                  checked={chosen === o.id}
                />
                <label for={`office-${i}`}>{o.name}</label>
              </div>
            ))}
          </fieldset>
        </div>
        <button type="submit">{t('apply.start')}</button>
      </form>
    </Layout>
  )
}

/** One step of the form: its questions, back and continue; errors next to their fields. */
export function ApplyStepPage(p: {
  ctx: PageContext
  csrf: string
  code: string
  service: string
  step: { id: string; title: string; questions: Question[] }
  n: number
  of: number
  back: string
  answers: Answers
  files: FileFacts[]
  errors: Errors
}): Html {
  const t = applyTexts(p.ctx.lang)
  const error = (id: string) => p.errors.find((e) => e.field === id)?.message
  const multipart = p.step.questions.some((q) => q.type === 'file')
  const action = `/services/${p.code}/apply/step/${p.step.id}`
  return (
    <Layout
      ctx={p.ctx}
      title={`${p.step.title} · ${p.service}`}
      {...(multipart ? { head: uploadScript() } : {})}
    >
      <a class="back-link" href={p.back}>
        {t('apply.back')}
      </a>
      <p class="caption">
        {p.service} · {t('apply.step', { n: String(p.n), of: String(p.of) })}
      </p>
      <h1>{p.step.title}</h1>
      <ErrorSummary title={t('apply.errors')} errors={p.errors} />
      <form
        method="post"
        action={multipart ? `${action}?_csrf=${encodeURIComponent(p.csrf)}` : action}
        enctype={multipart ? 'multipart/form-data' : undefined}
        data-progress={multipart ? t('apply.uploading') : undefined}
        novalidate
      >
        <CsrfField token={p.csrf} />
        {p.step.questions.map((q) => (
          <QuestionControl
            q={q}
            lang={p.ctx.lang}
            value={p.answers[q.id] as never}
            fileName={p.files.find((f) => f.question === q.id)?.name}
            error={error(q.id)}
          />
        ))}
        <button type="submit">{t('apply.continue')}</button>
      </form>
    </Layout>
  )
}

/** Every answer to check before sending, each step with its change link; the signed document where needed. */
export function ApplyCheckPage(p: {
  ctx: PageContext
  csrf: string
  code: string
  service: string
  steps: { id: string; title: string; questions: Question[] }[]
  answers: Answers
  files: FileFacts[]
  signature: boolean
  back: string
  errors: Errors
}): Html {
  const t = applyTexts(p.ctx.lang)
  const lang = p.ctx.lang
  const send = `/services/${p.code}/apply/send`
  return (
    <Layout
      ctx={p.ctx}
      title={`${t('apply.check')} · ${p.service}`}
      {...(p.signature ? { head: uploadScript() } : {})}
    >
      <a class="back-link" href={p.back}>
        {t('apply.back')}
      </a>
      <p class="caption">{p.service}</p>
      <h1>{t('apply.check')}</h1>
      <ErrorSummary title={t('apply.errors')} errors={p.errors} />
      {p.steps.map((step) => (
        <section aria-labelledby={`step-${step.id}`}>
          <h2 id={`step-${step.id}`}>{step.title}</h2>
          <dl class="facts">
            {step.questions.flatMap((q) => [
              <dt>{q.label[lang]}</dt>,
              <dd>
                {answerInWords(
                  q,
                  p.answers[q.id] as never,
                  lang,
                  p.files.find((f) => f.question === q.id)?.name,
                )}
              </dd>,
            ])}
          </dl>
          <p>
            <a href={`/services/${p.code}/apply/step/${step.id}`}>
              {t('apply.change')}
              <span class="visually-hidden"> {t('apply.changeStep', { step: step.title })}</span>
            </a>
          </p>
        </section>
      ))}
      {p.signature ? (
        <section aria-labelledby="sign-heading">
          <h2 id="sign-heading">{t('apply.signTitle')}</h2>
          <p>{t('apply.signBody')}</p>
          <p>
            <a
              class="button secondary"
              href={`/services/${p.code}/apply/document.xml`}
              download="application.xml"
            >
              {t('apply.download')}
            </a>
          </p>
        </section>
      ) : null}
      <form
        method="post"
        action={p.signature ? `${send}?_csrf=${encodeURIComponent(p.csrf)}` : send}
        enctype={p.signature ? 'multipart/form-data' : undefined}
        data-progress={p.signature ? t('apply.uploading') : undefined}
        novalidate
      >
        <CsrfField token={p.csrf} />
        {p.signature ? (
          <div class={p.errors.length ? 'field field-error' : 'field'}>
            <label for="field-signedDocument">{t('apply.signedFile')}</label>
            {p.errors[0] ? (
              <p class="error" id="field-signedDocument-error">
                {p.errors[0].message}
              </p>
            ) : null}
            <input
              type="file"
              id="field-signedDocument"
              name="signedDocument"
              accept=".xml,.p7s,.p7m"
              aria-describedby={p.errors.length ? 'field-signedDocument-error' : undefined}
            />
          </div>
        ) : null}
        <button type="submit">{t('apply.send')}</button>
      </form>
    </Layout>
  )
}

export interface StatusView {
  id: string
  number: string
  service: { code: string; name: string }
  status: string
  submittedAt: string
  caseSign: string | null
  expectedBy: string | null
  request: string | null
  history: { status: string; at: string }[]
  receipts: { id: string; kind: string; sealed: boolean; url: string | null; pdfUrl: string | null }[]
}

function StatusFacts(p: { lang: Lang; a: StatusView; receiptQuery?: string }): Html {
  const t = applyTexts(p.lang)
  const s = eservicesTexts(p.lang)
  const { a } = p
  const status = (x: string) => s(`status.${x}` as 'status.submitted')
  return (
    <div>
      <dl class="facts">
        <dt>{t('my.status')}</dt>
        <dd>
          <strong>{status(a.status)}</strong>
        </dd>
        <dt>{t('my.number')}</dt>
        <dd>{a.number}</dd>
        <dt>{t('my.service')}</dt>
        <dd>{a.service.name}</dd>
        <dt>{t('my.sent')}</dt>
        <dd>{momentInWords(p.lang, a.submittedAt)}</dd>
        {a.caseSign ? <dt>{t('apply.caseSign')}</dt> : null}
        {a.caseSign ? <dd>{a.caseSign}</dd> : null}
        {a.expectedBy && !['decided', 'dispatched', 'closed'].includes(a.status) ? (
          <dt>{t('my.expected')}</dt>
        ) : null}
        {a.expectedBy && !['decided', 'dispatched', 'closed'].includes(a.status) ? (
          <dd>{dayInWords(p.lang, a.expectedBy)}</dd>
        ) : null}
      </dl>
      <h2>{t('my.history')}</h2>
      <ol class="history">
        {a.history.map((h0) => (
          <li>
            <time datetime={h0.at}>{momentInWords(p.lang, h0.at)}</time>: {status(h0.status)}
          </li>
        ))}
      </ol>
      <h2>{t('my.receipts')}</h2>
      <ul>
        {a.receipts.map((r) => (
          <li>
            {t(`my.receipt.${r.kind}` as 'my.receipt.receipt')}
            {r.url ? (
              <span>
                {' · '}
                <a href={`${r.url}${p.receiptQuery ?? ''}`} download>
                  XML
                </a>
              </span>
            ) : null}
            {r.pdfUrl ? (
              <span>
                {' · '}
                <a href={`${r.pdfUrl}${p.receiptQuery ?? ''}`} download>
                  PDF
                </a>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** What a resident sees once the application is sent: its number, the tracking code (shown once), the receipt. */
export function ApplySentPage(p: { ctx: PageContext; a: StatusView; trackingCode: string }): Html {
  const t = applyTexts(p.ctx.lang)
  const receipt = p.a.receipts.find((r) => r.kind === 'receipt')
  return (
    <Layout ctx={p.ctx} title={t('apply.sent')}>
      <div class="panel confirmation" role="status">
        <h1>{t('apply.sent')}</h1>
        <p>{t('apply.sentNumber', { number: p.a.number })}</p>
      </div>
      <p>
        <strong>{t('apply.tracking', { code: p.trackingCode })}</strong>
      </p>
      {receipt?.url ? (
        <p>
          <a class="button" href={receipt.url} download>
            {t('apply.receipt')}
          </a>{' '}
          {receipt.pdfUrl ? (
            <a class="button secondary" href={receipt.pdfUrl} download>
              PDF
            </a>
          ) : null}
        </p>
      ) : (
        <p>{t('apply.receiptPending')}</p>
      )}
      <p>
        <a href={`/my/applications/${p.a.id}`}>{t('apply.follow')}</a>
      </p>
    </Layout>
  )
}

/** The resident's page: their applications with status. */
export function MyPage(p: {
  ctx: PageContext
  csrf: string
  who: string
  items: StatusView[]
  letters: { id: string; number: string; title: string; dispatchedAt: string; openedAt: string | null }[]
  bookings: { id: string; code: string; at: string; office: string }[]
}): Html {
  const t = applyTexts(p.ctx.lang)
  const s = eservicesTexts(p.ctx.lang)
  return (
    <Layout ctx={p.ctx} title={t('my.title')}>
      <h1>{t('my.title')}</h1>
      <p>{p.who}</p>
      {p.items.length === 0 ? <p>{t('my.none')}</p> : null}
      {p.items.length > 0 ? (
        <div class="table-scroll">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('my.number')}</th>
                <th scope="col">{t('my.service')}</th>
                <th scope="col">{t('my.sent')}</th>
                <th scope="col">{t('my.status')}</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((a) => (
                <tr>
                  <td>
                    <a href={`/my/applications/${a.id}`}>{a.number}</a>
                  </td>
                  <td>{a.service.name}</td>
                  <td>{momentInWords(p.ctx.lang, a.submittedAt)}</td>
                  <td>{s(`status.${a.status}` as 'status.submitted')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h2>{t('my.letters')}</h2>
      {p.letters.length === 0 ? <p>{t('my.noLetters')}</p> : null}
      {p.letters.length > 0 ? (
        <ul class="letters">
          {p.letters.map((l) => (
            <li>
              <a href={`/my/letters/${l.id}`}>
                {l.title} ({l.number})
              </a>
              {' · '}
              {momentInWords(p.ctx.lang, l.dispatchedAt)}
              {l.openedAt ? null : <strong> · {t('my.new')}</strong>}
            </li>
          ))}
        </ul>
      ) : null}
      <h2>{t('my.bookings')}</h2>
      {p.bookings.length === 0 ? <p>{t('my.noBookings')}</p> : null}
      {p.bookings.length > 0 ? (
        <ul>
          {p.bookings.map((b) => (
            <li>
              <a href={`/appointments/${b.id}`}>{b.at}</a> · {b.office} · {b.code}
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" action="/my/sign-out">
        <CsrfField token={p.csrf} />
        <button type="submit" class="secondary">
          {t('my.signOut')}
        </button>
      </form>
    </Layout>
  )
}

export function MyApplicationPage(p: {
  ctx: PageContext
  csrf: string
  a: StatusView
  answered: string | null
  errors: Errors
}): Html {
  const t = applyTexts(p.ctx.lang)
  return (
    <Layout
      ctx={p.ctx}
      title={`${p.a.number} · ${p.a.service.name}`}
      {...(p.a.request ? { head: uploadScript() } : {})}
    >
      <h1>
        {p.a.service.name}: {p.a.number}
      </h1>
      {p.answered ? (
        <p class="notice" role="status">
          {t('answer.sent', { number: p.answered })}
        </p>
      ) : null}
      {p.a.request ? (
        <section aria-labelledby="asked-heading" class="panel">
          <h2 id="asked-heading">{t('answer.asked')}</h2>
          <blockquote>{p.a.request}</blockquote>
          <ErrorSummary title={t('apply.errors')} errors={p.errors} />
          <form
            method="post"
            action={`/my/applications/${p.a.id}/answer?_csrf=${encodeURIComponent(p.csrf)}`}
            enctype="multipart/form-data"
            data-progress={t('apply.uploading')}
            novalidate
          >
            <TextArea
              name="text"
              label={t('answer.text')}
              rows={5}
              error={p.errors.find((e) => e.field === 'text')?.message}
            />
            <div class="field">
              <label for="field-file">{t('answer.file')}</label>
              <input type="file" id="field-file" name="file" accept=".pdf,.png,.jpg,.xml" />
            </div>
            <button type="submit">{t('answer.send')}</button>
          </form>
        </section>
      ) : null}
      <StatusFacts lang={p.ctx.lang} a={p.a} />
    </Layout>
  )
}

/** Following an application without an account: number and code, then its status. */
export function TrackPage(p: {
  ctx: PageContext
  number: string
  code: string
  a: StatusView | null
  notFound: boolean
}): Html {
  const t = applyTexts(p.ctx.lang)
  const errors = p.notFound ? [{ field: 'code', message: t('track.notFound') }] : []
  const query = `?number=${encodeURIComponent(p.number)}&code=${encodeURIComponent(p.code)}`
  return (
    <Layout ctx={p.ctx} title={t('track.title')}>
      <h1>{t('track.title')}</h1>
      <ErrorSummary title={t('apply.errors')} errors={errors} />
      {p.a ? <StatusFacts lang={p.ctx.lang} a={p.a} receiptQuery={query} /> : null}
      <form method="get" action="/applications/track" novalidate>
        <Field name="number" label={t('track.number')} value={p.number} />
        <Field
          name="code"
          label={t('track.code')}
          hint={t('track.codeHint')}
          value={p.code}
          error={errors[0]?.message}
        />
        <button type="submit" class={p.a ? 'secondary' : undefined}>
          {t('track.show')}
        </button>
      </form>
    </Layout>
  )
}

export interface VerificationView {
  valid: boolean
  detail: string
  receipt: {
    office: { code: string; name: string }
    number: string
    enteredAt: string
    createdAt: string
    files: { name: string; sha256: string }[]
  } | null
  sealedBy: { code: string; name: string; sameOffice: boolean } | null
}

/** Anyone's check of a receipt file: the upload, then what it states and whether the seal holds. */
export function VerifyReceiptPage(p: {
  ctx: PageContext
  csrf: string
  result: VerificationView | null
  errors: Errors
}): Html {
  const t = applyTexts(p.ctx.lang)
  const r = p.result
  return (
    <Layout ctx={p.ctx} title={t('verify.title')}>
      <h1>{t('verify.title')}</h1>
      <p class="lead">{t('verify.intro')}</p>
      <ErrorSummary title={t('apply.errors')} errors={p.errors} />
      {r ? (
        <section aria-labelledby="result-heading" class={r.valid ? 'panel confirmation' : 'panel warning'}>
          <h2 id="result-heading" role="status">
            {r.valid
              ? t('verify.valid', { office: r.sealedBy?.name ?? '' })
              : t('verify.invalid', { detail: r.detail })}
          </h2>
          {r.sealedBy && !r.sealedBy.sameOffice ? (
            <p>{t('verify.foreign', { office: r.sealedBy.name })}</p>
          ) : null}
          {r.receipt ? (
            <dl class="facts">
              <dt>{t('verify.office')}</dt>
              <dd>{r.receipt.office.name}</dd>
              <dt>{t('my.number')}</dt>
              <dd>{r.receipt.number}</dd>
              <dt>{t('verify.entered')}</dt>
              <dd>{r.receipt.enteredAt}</dd>
              <dt>{t('verify.created')}</dt>
              <dd>{r.receipt.createdAt}</dd>
              <dt>{t('verify.files')}</dt>
              <dd>
                <ul>
                  {r.receipt.files.map((f) => (
                    <li>
                      {f.name}: <code>{f.sha256}</code>
                    </li>
                  ))}
                </ul>
              </dd>
            </dl>
          ) : null}
        </section>
      ) : null}
      <form
        method="post"
        action={`/receipts/verify?_csrf=${encodeURIComponent(p.csrf)}`}
        enctype="multipart/form-data"
        novalidate
      >
        <div class={p.errors.length ? 'field field-error' : 'field'}>
          <label for="field-file">{t('verify.file')}</label>
          {p.errors[0] ? (
            <p class="error" id="field-file-error">
              {p.errors[0].message}
            </p>
          ) : null}
          <input type="file" id="field-file" name="file" accept=".xml" />
        </div>
        <button type="submit">{t('verify.check')}</button>
      </form>
    </Layout>
  )
}
