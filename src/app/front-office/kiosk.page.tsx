import type { OfficeDto } from '../../modules/offices/index.js'
import type { QueueDto } from '../../modules/queue/index.js'
import { assetUrl } from '../../web/assets-manifest.js'
import { CsrfField, ErrorSummary, Field } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import { frontOfficeTexts, priorityLabel } from './front-office.messages.js'

export const PURPOSES = ['consultation', 'submit', 'collect'] as const
export type Purpose = (typeof PURPOSES)[number]

export interface KioskProps {
  ctx: PageContext
  csrf: string
  office: OfficeDto
  queues: QueueDto[]
  priorities: string[]
  purpose?: Purpose | undefined
  queueId?: string | undefined
  /** A fresh key per screen, so a double tap prints one ticket. */
  idempotencyKey: string
  errors?: { field: string; message: string }[]
  /** A booking code typed at the check-in field, shown again with its error. */
  code?: string
}

/** The kiosk: purpose → service → priority → ticket, one large choice per step, no JavaScript needed. */
export function KioskPage(props: KioskProps): Html {
  const { ctx, office } = props
  const ft = frontOfficeTexts(ctx.lang)
  const base = `/offices/${office.code}/kiosk`
  const title = ft('kiosk.title', { office: office.name[ctx.lang] })
  const queue = props.queues.find((q) => q.id === props.queueId)
  const step = !props.purpose ? 'purpose' : !queue ? 'queue' : 'priority'
  return (
    <Layout
      ctx={ctx}
      title={title}
      bodyClass="kiosk"
      chrome="kiosk"
      data={{ 'kiosk-home': base, 'kiosk-idle': '60' }}
      head={<script src={assetUrl('kiosk.js')} defer></script>}
    >
      <h1>{title}</h1>
      <ErrorSummary title={ft('kiosk.take')} errors={props.errors ?? []} />
      {step === 'purpose' ? (
        <section aria-labelledby="step">
          <h2 id="step">{ft('kiosk.purpose')}</h2>
          <ul class="kiosk-choices">
            {PURPOSES.map((p) => (
              <li>
                <a class="kiosk-button" href={`${base}?purpose=${p}`}>
                  {ft(`kiosk.purpose.${p}`)}
                </a>
              </li>
            ))}
          </ul>
          <form method="post" action={`${base}/check-in`} class="kiosk-check-in">
            <CsrfField token={props.csrf} />
            <Field
              name="code"
              label={ft('kiosk.booked')}
              hint={ft('kiosk.bookedHint')}
              value={props.code}
              error={props.errors?.find((e) => e.field === 'code')?.message}
              maxlength={30}
              autocomplete="off"
            />
            <button class="kiosk-button" type="submit">
              {ft('kiosk.checkIn')}
            </button>
          </form>
        </section>
      ) : null}
      {step === 'queue' ? (
        <section aria-labelledby="step">
          <h2 id="step">{ft('kiosk.queue')}</h2>
          <ul class="kiosk-choices">
            {props.queues.map((q) => (
              <li>
                <a class="kiosk-button" href={`${base}?purpose=${props.purpose}&queue=${q.id}`}>
                  {q.name[ctx.lang]}
                </a>
              </li>
            ))}
          </ul>
          <p>
            <a href={base}>{ft('kiosk.back')}</a>
          </p>
        </section>
      ) : null}
      {step === 'priority' && queue ? (
        <form method="post" action={base}>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="purpose" value={props.purpose} />
          <input type="hidden" name="queueId" value={queue.id} />
          <input type="hidden" name="key" value={props.idempotencyKey} />
          <fieldset>
            <legend>
              <h2>{ft('kiosk.priority')}</h2>
            </legend>
            <p>{queue.name[ctx.lang]}</p>
            <ul class="kiosk-choices">
              {props.priorities.map((p) => (
                <li>
                  <button class="kiosk-button" type="submit" name="priority" value={p}>
                    {priorityLabel(ft, p)}
                  </button>
                </li>
              ))}
            </ul>
          </fieldset>
          <p>
            <a href={`${base}?purpose=${props.purpose}`}>{ft('kiosk.back')}</a>
          </p>
        </form>
      ) : null}
    </Layout>
  )
}
