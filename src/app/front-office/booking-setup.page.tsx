import { WEEKDAYS, weekdayName } from '../../modules/offices/index.js'
import type { Translate } from '../../platform/i18n/index.js'
import { CsrfField, DataTable, ErrorSummary, Field, Notice, Select } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { type StaffContext, StaffLayout } from '../staff/staff-layout.js'
import type { SetupKey } from './booking-setup.messages.js'

export interface BookingSetupProps {
  s: StaffContext
  t: Translate<SetupKey>
  offices: { value: string; label: string }[]
  officeId: string
  queues: { id: string; name: string }[]
  /** Whether the viewer may change the set-up (managers); others see it and the day's bookings. */
  canManage: boolean
  policy: { earlyMinutes: number; lateMinutes: number; horizonDays: number }
  templates: {
    id: string
    queueId: string
    weekdays: number[]
    from: string
    to: string
    minutes: number
    capacity: number
  }[]
  exceptions: { date: string; reason: string; bookings: number }[]
  date: string
  bookings: {
    time: string
    code: string
    name: string
    phone: string | null
    email: string | null
    queueId: string
    status: string
  }[]
  done: string | null
  errors: { field: string; message: string }[]
  values: Record<string, string>
}

const LENGTHS = [10, 15, 20, 30, 45, 60, 90]

/** "Mon–Fri", "Sat", "Mon, Wed, Fri": ISO weekdays in the page's language, runs joined. */
export function weekdaysInWords(days: readonly number[], lang: string): string {
  const sorted = [...days].sort()
  const runs: [number, number][] = []
  for (const d of sorted) {
    const last = runs.at(-1)
    if (last && last[1] === d - 1) last[1] = d
    else runs.push([d, d])
  }
  const name = (d: number) => weekdayName(WEEKDAYS[d - 1] as (typeof WEEKDAYS)[number], lang)
  return runs
    .map(([a, b]) => (a === b ? name(a) : b === a + 1 ? `${name(a)}, ${name(b)}` : `${name(a)}–${name(b)}`))
    .join(', ')
}

/**
 * A centre's booking set-up: the rules (horizon, check-in window), weekly slot templates per queue,
 * days without bookings, and the bookings of a day for the front desk.
 */
export function BookingSetupPage(p: BookingSetupProps): Html {
  const { st, ctx, csrf } = p.s
  const t = p.t
  const error = (field: string) => p.errors.find((e) => e.field === field)?.message
  const queueName = new Map(p.queues.map((q) => [q.id, q.name]))
  const Office = () => <input type="hidden" name="office" value={p.officeId} />
  return (
    <StaffLayout s={p.s} title={t('setup.title')}>
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <Notice message={p.done} />
      <ErrorSummary title={st('errors.summary')} errors={p.errors} />
      {p.offices.length > 1 ? (
        <form method="get" action="/staff/bookings" class="inline-form">
          <Select name="office" label={t('setup.office')} value={p.officeId} options={p.offices} />
          <button type="submit">{t('setup.show')}</button>
        </form>
      ) : null}

      <h2 id="day">{t('setup.day')}</h2>
      <form method="get" action="/staff/bookings#day" class="inline-form">
        <Office />
        <Field name="date" label={t('setup.date')} type="date" value={p.date} />
        <button type="submit">{t('setup.show')}</button>
      </form>
      {p.bookings.length === 0 ? (
        <p>{t('setup.noBookings')}</p>
      ) : (
        <DataTable
          headers={[
            t('setup.time'),
            t('setup.code'),
            t('setup.name'),
            t('setup.contact'),
            t('setup.queue'),
            t('setup.status'),
          ]}
          rows={p.bookings.map((b) => [
            b.time,
            <span class="mono">{b.code}</span>,
            b.name,
            [b.phone, b.email].filter(Boolean).join(', '),
            queueName.get(b.queueId) ?? '',
            t(`setup.status.${b.status}` as SetupKey),
          ])}
        />
      )}

      <h2 id="templates">{t('setup.templates')}</h2>
      <p class="hint">{t('setup.templatesHint')}</p>
      {p.templates.length === 0 ? (
        <p>{t('setup.noTemplates')}</p>
      ) : (
        <DataTable
          headers={[
            t('setup.queue'),
            t('setup.days'),
            t('setup.hours'),
            t('setup.length'),
            t('setup.capacity'),
            ...(p.canManage ? [t('setup.remove')] : []),
          ]}
          rows={p.templates.map((tp) => {
            const days = weekdaysInWords(tp.weekdays, ctx.lang)
            const hours = `${tp.from}–${tp.to}`
            return [
              queueName.get(tp.queueId) ?? '',
              days,
              hours,
              t('setup.minutes', { minutes: tp.minutes }),
              tp.capacity,
              ...(p.canManage
                ? [
                    <form
                      class="inline-form"
                      method="post"
                      action={`/staff/bookings/templates/${tp.id}/remove`}
                    >
                      <CsrfField token={csrf} />
                      <Office />
                      <button type="submit" class="secondary">
                        {t('setup.removeTemplate', { days, hours })}
                      </button>
                    </form>,
                  ]
                : []),
            ]
          })}
        />
      )}
      {p.canManage ? (
        <form method="post" action="/staff/bookings/templates" novalidate>
          <h3>{t('setup.addTemplate')}</h3>
          <CsrfField token={csrf} />
          <Office />
          <Select
            name="queueId"
            label={t('setup.queue')}
            value={p.values.queueId}
            options={p.queues.map((q) => ({ value: q.id, label: q.name }))}
          />
          <fieldset class={error('weekdays') ? 'field field-error' : 'field'} id="field-weekdays">
            <legend>{t('setup.days')}</legend>
            {error('weekdays') ? <p class="error">{error('weekdays')}</p> : null}
            <div class="weekday-picks">
              {WEEKDAYS.map((day, i) => (
                <span class="checkbox">
                  <input
                    type="checkbox"
                    id={`field-day-${i + 1}`}
                    name={`day-${i + 1}`}
                    value="on"
                    checked={
                      p.values[`day-${i + 1}`] === 'on' || (Object.keys(p.values).length === 0 && i < 5)
                    }
                  />
                  <label for={`field-day-${i + 1}`}>{weekdayName(day, ctx.lang)}</label>
                </span>
              ))}
            </div>
          </fieldset>
          <div class="field-row">
            <Field
              name="from"
              label={t('setup.from')}
              type="time"
              value={p.values.from ?? '09:00'}
              error={error('from')}
            />
            <Field
              name="to"
              label={t('setup.to')}
              type="time"
              value={p.values.to ?? '13:00'}
              error={error('to')}
            />
            <Select
              name="minutes"
              label={t('setup.length')}
              value={p.values.minutes ?? '20'}
              options={LENGTHS.map((m) => ({ value: String(m), label: t('setup.minutes', { minutes: m }) }))}
            />
            <Field
              name="capacity"
              label={t('setup.capacity')}
              hint={t('setup.capacityHint')}
              type="number"
              inputmode="numeric"
              value={p.values.capacity ?? '1'}
              error={error('capacity')}
            />
          </div>
          <button type="submit">{t('setup.add')}</button>
        </form>
      ) : null}

      <h2 id="exceptions">{t('setup.exceptions')}</h2>
      <p class="hint">{t('setup.exceptionsHint')}</p>
      {p.exceptions.length === 0 ? (
        <p>{t('setup.noExceptions')}</p>
      ) : (
        <DataTable
          headers={[
            t('setup.date'),
            t('setup.reason'),
            t('setup.made'),
            ...(p.canManage ? [t('setup.remove')] : []),
          ]}
          rows={p.exceptions.map((x) => [
            x.date,
            x.reason,
            x.bookings,
            ...(p.canManage
              ? [
                  <form
                    class="inline-form"
                    method="post"
                    action={`/staff/bookings/exceptions/${x.date}/remove`}
                  >
                    <CsrfField token={csrf} />
                    <Office />
                    <button type="submit" class="secondary">
                      {t('setup.reopen', { date: x.date })}
                    </button>
                  </form>,
                ]
              : []),
          ])}
        />
      )}
      {p.canManage ? (
        <form method="post" action="/staff/bookings/exceptions" novalidate>
          <CsrfField token={csrf} />
          <Office />
          <div class="field-row">
            <Field
              name="exceptionDate"
              label={t('setup.date')}
              type="date"
              value={p.values.exceptionDate}
              error={error('exceptionDate')}
            />
            <Field
              name="reason"
              label={t('setup.reason')}
              hint={t('setup.reasonHint')}
              value={p.values.reason}
              error={error('reason')}
              maxlength={200}
            />
          </div>
          <button type="submit">{t('setup.closeDay')}</button>
        </form>
      ) : null}

      {p.canManage ? (
        <form method="post" action="/staff/bookings/policy" novalidate>
          <h2 id="policy">{t('setup.policy')}</h2>
          <CsrfField token={csrf} />
          <Office />
          <Field
            name="horizonDays"
            label={t('setup.horizon')}
            type="number"
            inputmode="numeric"
            value={p.values.horizonDays ?? String(p.policy.horizonDays)}
            error={error('horizonDays')}
          />
          <Field
            name="earlyMinutes"
            label={t('setup.early')}
            type="number"
            inputmode="numeric"
            value={p.values.earlyMinutes ?? String(p.policy.earlyMinutes)}
            error={error('earlyMinutes')}
          />
          <Field
            name="lateMinutes"
            label={t('setup.late')}
            type="number"
            inputmode="numeric"
            value={p.values.lateMinutes ?? String(p.policy.lateMinutes)}
            error={error('lateMinutes')}
          />
          <button type="submit">{t('setup.savePolicy')}</button>
        </form>
      ) : null}
    </StaffLayout>
  )
}
