import { Checkbox, CsrfField, DataTable, ErrorSummary, Field, Notice, Select } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { type StaffContext, StaffLayout } from './staff-layout.js'
import type { FormState } from './staff-page-helpers.js'

export interface CalendarDayView {
  date: string
  name: string
  dayOff: boolean
  source: 'library' | 'network'
}

/** The network's working calendar for a country and year: its days, each changeable, and a form to add one. */
export function CalendarPage(props: {
  s: StaffContext
  country: string
  year: number
  countries: readonly string[]
  days: CalendarDayView[]
  form: FormState
}): Html {
  const { st, csrf } = props.s
  const { country, year, form } = props
  const back = `country=${country}&year=${year}`
  const error = (field: string) => form.errors.find((e) => e.field === field)?.message
  return (
    <StaffLayout s={props.s} title={st('staff.calendar')}>
      <h1>{st('staff.calendar')}</h1>
      <Notice message={form.done} />
      <p>{st('calendar.intro')}</p>
      <form method="get" action="/staff/calendar" class="inline-form">
        <Select
          name="country"
          label={st('calendar.country')}
          options={props.countries.map((c) => ({ value: c, label: c }))}
          value={country}
        />
        <Field name="year" label={st('calendar.year')} type="number" value={String(year)} />
        <button type="submit">{st('calendar.show')}</button>
      </form>
      {props.days.length === 0 ? (
        <p>{st('calendar.none')}</p>
      ) : (
        <DataTable
          headers={[
            st('calendar.date'),
            st('calendar.name'),
            st('calendar.dayOff'),
            st('calendar.source'),
            st('calendar.action'),
          ]}
          rows={props.days.map((d) => [
            <time datetime={d.date}>{d.date}</time>,
            d.name,
            st(d.dayOff ? 'calendar.yes' : 'calendar.no'),
            st(d.source === 'network' ? 'calendar.network' : 'calendar.law'),
            <form class="inline-form" method="post" action={`/staff/calendar/days?${back}`}>
              <CsrfField token={csrf} />
              <input type="hidden" name="country" value={country} />
              <input type="hidden" name="date" value={d.date} />
              <input type="hidden" name="name" value={d.name} />
              <input type="hidden" name="dayOff" value={d.dayOff ? 'off' : 'on'} />
              <button type="submit" class="secondary">
                {st(d.dayOff ? 'calendar.makeWorking' : 'calendar.makeDayOff', { date: d.date })}
              </button>
            </form>,
          ])}
        />
      )}
      <h2 id="add">{st('calendar.addTitle')}</h2>
      <ErrorSummary title={st('errors.summary')} errors={form.errors} />
      <form method="post" action={`/staff/calendar/days?${back}`} novalidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="country" value={country} />
        <Field
          name="date"
          label={st('calendar.date')}
          type="date"
          value={form.values.date}
          error={error('date')}
        />
        <Field name="name" label={st('calendar.name')} value={form.values.name} error={error('name')} />
        <Checkbox name="dayOff" label={st('calendar.closed')} checked={form.values.dayOff !== 'off'} />
        <button type="submit">{st('calendar.add')}</button>
      </form>
    </StaffLayout>
  )
}
