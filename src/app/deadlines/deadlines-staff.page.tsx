import type { DueCountsDto, DueListDto } from '../../modules/cases/index.js'
import { DataTable, Field, Select } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { OfficeSwitcher } from '../records/office-switcher.js'
import { type StaffContext, StaffLayout } from '../staff/staff-layout.js'
import { dueTexts } from './deadlines.messages.js'
import { dayInWords } from './due-steps.js'

export const DEADLINE_SCOPES = ['mine', 'office'] as const
export type DeadlineScope = (typeof DEADLINE_SCOPES)[number]

type Item = DueListDto['items'][number]

/**
 * The officer's and head's deadlines: running cases overdue or due soon, as a list and by day; and,
 * for the network's coordinators and the centres' managers, the counts per centre.
 */
export function DeadlinesPage(p: {
  s: StaffContext
  offices: { id: string; name: string }[]
  list: DueListDto | null
  scope: DeadlineScope
  within: number
  view: 'list' | 'days'
  people: Map<string, string>
  centres: DueCountsDto | null
}): Html {
  const lang = p.s.ctx.lang
  const t = dueTexts(lang)
  const list = p.list
  const state = (i: Item) =>
    i.state === 'overdue' ? t('dl.state.overdue', { days: i.overdueDays }) : t(`dl.state.${i.state}`)
  const row = (i: Item) => [
    <span class={`due-${i.state}`}>{i.dueOn}</span>,
    <a href={`/staff/cases/${i.id}`}>{i.sign}</a>,
    i.title,
    i.assigneeId ? (p.people.get(i.assigneeId) ?? '') : '',
    state(i),
  ]
  const headers = [t('dl.col.due'), t('dl.col.case'), t('dl.col.subject'), t('dl.col.who'), t('dl.col.state')]
  const days = list ? [...new Set(list.items.filter((i) => i.state !== 'overdue').map((i) => i.dueOn))] : []
  const link = (view: 'list' | 'days') =>
    `/staff/deadlines?${new URLSearchParams({
      ...(list ? { office: list.officeId } : {}),
      scope: p.scope,
      within: String(p.within),
      view,
    })}`
  return (
    <StaffLayout s={p.s} title={t('dl.title')}>
      <h1>{t('dl.title')}</h1>
      {list ? (
        <section aria-labelledby="due-cases">
          <h2 id="due-cases" class="visually-hidden">
            {t('dl.title')}
          </h2>
          <p>{t('dl.intro')}</p>
          <OfficeSwitcher
            action="/staff/deadlines"
            office={{ id: list.officeId }}
            offices={p.offices}
            label={t('dl.office')}
            show={t('dl.show')}
          />
          <form method="get" action="/staff/deadlines" class="inline-form">
            <input type="hidden" name="office" value={list.officeId} />
            <input type="hidden" name="view" value={p.view} />
            <Select
              name="scope"
              label={t('dl.scope')}
              value={p.scope}
              options={[
                { value: 'mine', label: t('dl.scope.mine') },
                { value: 'office', label: t('dl.scope.unit') },
              ]}
            />
            <Field name="within" label={t('dl.within')} type="number" value={String(p.within)} />
            <button type="submit" class="secondary">
              {t('dl.show')}
            </button>
          </form>
          <p>
            {t('dl.today', { today: dayInWords(lang, list.today), horizon: dayInWords(lang, list.horizon) })}
          </p>
          <p role="status">
            <strong>{t('dl.counts', { overdue: list.counts.overdue, soon: list.counts.dueSoon })}</strong>
          </p>
          <nav aria-label={t('dl.title')} class="tabs">
            <a href={link('list')} aria-current={p.view === 'list' ? 'page' : undefined}>
              {t('dl.col.due')}
            </a>{' '}
            <a href={link('days')} aria-current={p.view === 'days' ? 'page' : undefined}>
              {t('dl.byDay')}
            </a>
          </nav>
          {list.items.length === 0 ? (
            <p>{t('dl.none')}</p>
          ) : p.view === 'list' ? (
            <DataTable headers={headers} rows={list.items.map(row)} />
          ) : (
            <div class="due-days">
              {list.counts.overdue > 0 ? (
                <section aria-labelledby="day-overdue">
                  <h3 id="day-overdue">{t('dl.byDay.overdue')}</h3>
                  <DataTable
                    headers={headers}
                    rows={list.items.filter((i) => i.state === 'overdue').map(row)}
                  />
                </section>
              ) : null}
              {days.map((day) => (
                <section aria-labelledby={`day-${day}`}>
                  <h3 id={`day-${day}`}>{dayInWords(lang, day)}</h3>
                  <DataTable
                    headers={headers}
                    rows={list.items.filter((i) => i.state !== 'overdue' && i.dueOn === day).map(row)}
                  />
                </section>
              ))}
            </div>
          )}
        </section>
      ) : null}
      {p.centres ? (
        <section aria-labelledby="centres">
          <h2 id="centres">{t('dl.centres')}</h2>
          <p>{t('dl.centres.intro')}</p>
          <DataTable
            headers={[t('dl.col.centre'), t('dl.col.overdue'), t('dl.col.soon')]}
            rows={p.centres.items.map((c) => [
              `${c.code} — ${c.name[lang] ?? c.code}`,
              String(c.overdue),
              String(c.dueSoon),
            ])}
          />
        </section>
      ) : null}
    </StaffLayout>
  )
}
