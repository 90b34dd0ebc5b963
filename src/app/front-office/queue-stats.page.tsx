import type { QueueStatsDto } from '../../modules/queue/index.js'
import { DataTable, Field, Select } from '../../web/forms.js'
import { Fragment, type Html, h } from '../../web/jsx.js'
import { type StaffContext, StaffLayout } from '../staff/staff-layout.js'
import { frontOfficeTexts } from './front-office.messages.js'

const figure = (n: number | null) => (n === null ? '–' : String(n))
const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`)

/** Managers' quality figures of an office's queues over some days (a GET form, no JavaScript). */
export function QueueStatsPage(props: {
  s: StaffContext
  offices: { value: string; label: string }[]
  officeId: string
  from: string
  to: string
  stats: QueueStatsDto | null
  error: string | null
}): Html {
  const ft = frontOfficeTexts(props.s.ctx.lang)
  return (
    <StaffLayout s={props.s} title={ft('stats.title')}>
      <h1>{ft('stats.title')}</h1>
      <form method="get" action="/staff/queue-stats" class="filters">
        <Select name="office" label={ft('stats.office')} options={props.offices} value={props.officeId} />
        <Field name="from" type="date" label={ft('stats.from')} value={props.from} />
        <Field
          name="to"
          type="date"
          label={ft('stats.to')}
          value={props.to}
          error={props.error ?? undefined}
        />
        <button type="submit">{ft('stats.show')}</button>
      </form>
      {props.stats ? (
        <>
          <p>{ft('stats.caption', { from: props.stats.from, to: props.stats.to })}</p>
          <DataTable
            headers={(
              [
                'stats.queue',
                'stats.issued',
                'stats.served',
                'stats.noShow',
                'stats.expired',
                'stats.open',
                'stats.wait',
                'stats.service',
                'stats.error',
                'stats.within5',
                'stats.under',
              ] as const
            ).map((k) => ft(k))}
            rows={props.stats.queues.map((q) => [
              q.prefix,
              q.issued,
              q.served,
              q.noShow,
              q.expired,
              q.open,
              figure(q.averageWaitMinutes),
              figure(q.averageServiceMinutes),
              figure(q.estimates.meanAbsoluteErrorMinutes),
              percent(q.estimates.withinFiveMinutes),
              percent(q.estimates.underestimated),
            ])}
          />
        </>
      ) : null}
    </StaffLayout>
  )
}
