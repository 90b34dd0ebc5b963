import type { QueueStatsDto } from '../../modules/queue/index.js'
import { Field, Select } from '../../web/forms.js'
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
          <QueueFigures stats={props.stats} ft={ft} />
        </>
      ) : null}
    </StaffLayout>
  )
}

type Texts = ReturnType<typeof frontOfficeTexts>

/**
 * The figures as a table in three column groups (tickets, minutes, estimates) with short headings,
 * which fits a 1280 px screen; on a phone each queue becomes a card of labelled figures.
 */
function QueueFigures(props: { stats: QueueStatsDto; ft: Texts }): Html {
  const { ft } = props
  const groups: { title: string; columns: { key: Parameters<Texts>[0]; full: Parameters<Texts>[0] }[] }[] = [
    {
      title: ft('stats.tickets'),
      columns: [
        { key: 'stats.issued', full: 'stats.issued' },
        { key: 'stats.served', full: 'stats.served' },
        { key: 'stats.noShow', full: 'stats.noShow' },
        { key: 'stats.expired', full: 'stats.expired' },
        { key: 'stats.open', full: 'stats.open' },
      ],
    },
    {
      title: ft('stats.minutes'),
      columns: [
        { key: 'stats.waitShort', full: 'stats.wait' },
        { key: 'stats.serviceShort', full: 'stats.service' },
      ],
    },
    {
      title: ft('stats.estimates'),
      columns: [
        { key: 'stats.errorShort', full: 'stats.error' },
        { key: 'stats.within5', full: 'stats.within5' },
        { key: 'stats.under', full: 'stats.under' },
      ],
    },
  ]
  const cells = (q: QueueStatsDto['queues'][number]) => [
    [q.issued, q.served, q.noShow, q.expired, q.open],
    [figure(q.averageWaitMinutes), figure(q.averageServiceMinutes)],
    [
      figure(q.estimates.meanAbsoluteErrorMinutes),
      percent(q.estimates.withinFiveMinutes),
      percent(q.estimates.underestimated),
    ],
  ]
  return (
    <div class="table-scroll">
      <table class="data figures stacked">
        <thead>
          <tr>
            <td />
            {groups.map((g) => (
              <th scope="colgroup" colspan={String(g.columns.length)}>
                {g.title}
              </th>
            ))}
          </tr>
          <tr>
            <th scope="col">{ft('stats.queue')}</th>
            {groups.flatMap((g) => g.columns.map((c) => <th scope="col">{ft(c.key)}</th>))}
          </tr>
        </thead>
        <tbody>
          {props.stats.queues.map((q) => {
            const values = cells(q)
            return (
              <tr>
                <th scope="row">{q.prefix}</th>
                {groups.flatMap((g, gi) =>
                  g.columns.map((c, ci) => (
                    <td class="num" data-label={`${g.title}: ${ft(c.full)}`}>
                      {values[gi]?.[ci] as string | number}
                    </td>
                  )),
                )}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
