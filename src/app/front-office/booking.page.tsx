import type { OfficeDto } from '../../modules/offices/index.js'
import type { QueueDto } from '../../modules/queue/index.js'
import { CsrfField, ErrorSummary, Field } from '../../web/forms.js'
import { Fragment, type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import { bookingTexts } from './booking.messages.js'

export interface BookingProps {
  ctx: PageContext
  csrf: string
  offices: OfficeDto[]
  office?: OfficeDto | undefined
  queues: QueueDto[]
  queueId?: string | undefined
  /** Days with free places in the chosen queue, and how many. */
  days: { date: string; free: number }[]
  date?: string | undefined
  slots: { start: string; time: string; free: number }[]
  values: Record<string, string>
  errors: { field: string; message: string }[]
}

/** Booking a visit: centre → purpose (queue) → day → free time and your name; no JavaScript needed. */
export function BookingPage(props: BookingProps): Html {
  const { ctx, office } = props
  const bt = bookingTexts(ctx.lang)
  const dayName = (d: string) =>
    new Intl.DateTimeFormat(ctx.lang, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    }).format(new Date(`${d}T12:00:00Z`))
  const queue = props.queues.find((q) => q.id === props.queueId)
  const base = office ? `/offices/${office.code}/book` : '/book'
  return (
    <Layout ctx={ctx} title={bt('book.title')}>
      <h1>{bt('book.title')}</h1>
      <ErrorSummary title={bt('book.errors')} errors={props.errors} />
      {!office ? (
        <p>
          <a href="/appointments/find">{bt('book.find.link')}</a>
        </p>
      ) : null}
      {!office ? (
        <section aria-labelledby="step">
          <h2 id="step">{bt('book.office')}</h2>
          <ul class="kiosk-choices">
            {props.offices.map((o) => (
              <li>
                <a class="kiosk-button" href={`/offices/${o.code}/book`}>
                  {o.name[ctx.lang]}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : !queue ? (
        <section aria-labelledby="step">
          <h2 id="step">{bt('book.queue')}</h2>
          <p>{office.name[ctx.lang]}</p>
          <ul class="kiosk-choices">
            {props.queues.map((q) => (
              <li>
                <a class="kiosk-button" href={`${base}?queue=${q.id}`}>
                  {q.name[ctx.lang]}
                </a>
              </li>
            ))}
          </ul>
          <p>
            <a href="/book">{bt('book.back')}</a>
          </p>
        </section>
      ) : (
        <>
          <p>
            {office.name[ctx.lang]} · {queue.name[ctx.lang]}
          </p>
          <nav aria-labelledby="days-title">
            <h2 id="days-title">{bt('book.day')}</h2>
            {props.days.length === 0 ? (
              <p>{bt('book.noDays')}</p>
            ) : (
              <ul class="day-choices">
                {props.days.map((d) => (
                  <li>
                    <a
                      href={`${base}?queue=${queue.id}&date=${d.date}`}
                      aria-current={d.date === props.date ? 'true' : undefined}
                    >
                      <span class="day-name">{dayName(d.date)}</span>
                      <span class="day-free">{bt('book.freePlaces', { free: d.free })}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </nav>
          {props.date ? (
            props.slots.length === 0 ? (
              <p>{bt('book.noSlots')}</p>
            ) : (
              <form method="post" action={base} novalidate>
                <CsrfField token={props.csrf} />
                <input type="hidden" name="queueId" value={queue.id} />
                <input type="hidden" name="date" value={props.date} />
                <fieldset>
                  <legend>
                    {bt('book.slot')}: {dayName(props.date)}
                  </legend>
                  <div class="slot-choices" id="field-start">
                    {props.slots.map((s, i) => (
                      <div class="checkbox">
                        <input
                          type="radio"
                          id={`slot-${i}`}
                          name="start"
                          value={s.start}
                          checked={props.values.start === s.start}
                          required
                        />
                        <label for={`slot-${i}`}>{s.time}</label>
                      </div>
                    ))}
                  </div>
                </fieldset>
                <fieldset>
                  <legend>{bt('book.you')}</legend>
                  <Field
                    name="name"
                    label={bt('book.name')}
                    value={props.values.name}
                    error={props.errors.find((e) => e.field === 'name')?.message}
                    autocomplete="name"
                    required
                    maxlength={120}
                  />
                  <Field
                    name="email"
                    label={bt('book.email')}
                    type="email"
                    value={props.values.email}
                    error={props.errors.find((e) => e.field === 'email')?.message}
                    autocomplete="email"
                    maxlength={200}
                  />
                  <Field
                    name="phone"
                    label={bt('book.phone')}
                    type="tel"
                    value={props.values.phone}
                    error={props.errors.find((e) => e.field === 'phone')?.message}
                    autocomplete="tel"
                    maxlength={20}
                  />
                  <Field
                    name="identifier"
                    label={bt('book.identifier')}
                    hint={bt('book.identifierHint')}
                    value={props.values.identifier}
                    error={props.errors.find((e) => e.field === 'identifier')?.message}
                    autocomplete="off"
                    maxlength={24}
                  />
                </fieldset>
                <button type="submit">{bt('book.submit')}</button>
              </form>
            )
          ) : null}
          <p>
            <a href={base}>{bt('book.back')}</a>
          </p>
        </>
      )}
    </Layout>
  )
}

/** The booking made: its code, when and where, the calendar file, and how to cancel. */
export function BookedPage(props: {
  ctx: PageContext
  csrf: string
  office: OfficeDto
  queue: QueueDto | undefined
  booking: { id: string; code: string; start: string; status: string }
  window: { earlyMinutes: number; lateMinutes: number }
}): Html {
  const { ctx, office, booking } = props
  const bt = bookingTexts(ctx.lang)
  const format = (at: number, style: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(ctx.lang, { ...style, timeZone: office.timezone }).format(new Date(at))
  const start = Date.parse(booking.start)
  const cancelled = booking.status === 'cancelled'
  return (
    <Layout ctx={ctx} title={cancelled ? bt('book.cancelled') : bt('book.done')}>
      <h1>{cancelled ? bt('book.cancelled') : bt('book.done')}</h1>
      <dl class="ticket-facts">
        <dt>{bt('book.code')}</dt>
        <dd class="ticket-number">{booking.code}</dd>
        <dt>{bt('book.when')}</dt>
        <dd>{format(start, { dateStyle: 'full', timeStyle: 'short' })}</dd>
        <dt>{bt('book.where')}</dt>
        <dd>
          {office.name[ctx.lang]}, {office.address.street}, {office.address.city}
          {props.queue ? ` · ${props.queue.name[ctx.lang]}` : ''}
        </dd>
      </dl>
      {cancelled ? null : (
        <>
          <p>
            {bt('book.codeHint', {
              from: format(start - props.window.earlyMinutes * 60_000, { timeStyle: 'short' }),
              until: format(start + props.window.lateMinutes * 60_000, { timeStyle: 'short' }),
            })}
          </p>
          <p>
            <a class="button" href={`/api/v1/appointments/${booking.id}.ics`}>
              {bt('book.calendar')}
            </a>
          </p>
          <form method="post" action={`/appointments/${booking.id}/cancel`}>
            <CsrfField token={props.csrf} />
            <button type="submit" class="secondary">
              {bt('book.cancel')}
            </button>
          </form>
        </>
      )}
    </Layout>
  )
}
