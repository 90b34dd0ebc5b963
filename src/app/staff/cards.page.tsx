import type { OfficeDto } from '../../modules/offices/index.js'
import { DataTable, Field, Select } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { LIFE_EVENTS, TOPICS } from '../services/services.messages.js'
import { type StaffContext, StaffLayout } from './staff-layout.js'

export interface CardRow {
  id: string
  code: string
  name: string
  status: 'draft' | 'published' | 'withdrawn'
  unpublishedChanges?: boolean
}

export interface CardFilters {
  q?: string | undefined
  status?: string | undefined
  category?: string | undefined
  office?: string | undefined
}

/** All cards for staff, any status, with filters; editors start new ones from here. */
export function CardsPage(props: {
  s: StaffContext
  cards: CardRow[]
  canWrite: boolean
  nextHref: string | null
  filters: CardFilters
  offices: OfficeDto[]
}): Html {
  const { st, ctx } = props.s
  const f = props.filters
  const topics = [...Object.entries(TOPICS), ...Object.entries(LIFE_EVENTS)]
  return (
    <StaffLayout s={props.s} title={st('cards.title')}>
      <h1>{st('cards.title')}</h1>
      {props.canWrite ? (
        <p>
          <a class="button" href="/staff/services/new">
            {st('cards.new')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/staff/services" class="filters">
        <Field name="q" label={st('cards.search')} value={f.q} maxlength={200} type="search" />
        <Select
          name="status"
          label={st('cards.status')}
          value={f.status ?? ''}
          options={[
            { value: '', label: st('cards.anyStatus') },
            ...(['draft', 'published', 'withdrawn'] as const).map((v) => ({
              value: v,
              label: st(`status.${v}`),
            })),
          ]}
        />
        <Select
          name="category"
          label={st('cards.topic')}
          value={f.category ?? ''}
          options={[
            { value: '', label: st('cards.anyTopic') },
            ...topics.map(([key, name]) => ({ value: key, label: name[ctx.lang] })),
          ]}
        />
        <Select
          name="office"
          label={st('cards.office')}
          value={f.office ?? ''}
          options={[
            { value: '', label: st('cards.anyOffice') },
            ...props.offices.map((o) => ({ value: o.id, label: o.name[ctx.lang] })),
          ]}
        />
        <button type="submit" class="filter-button">
          {st('cards.filter')}
        </button>
      </form>
      {props.cards.length ? (
        <DataTable
          headers={[st('cards.code'), st('cards.name'), st('cards.status')]}
          rows={props.cards.map((c) => [
            c.code,
            <a href={`/staff/services/${c.id}`}>{c.name}</a>,
            c.unpublishedChanges && c.status !== 'draft'
              ? `${st(`status.${c.status}`)} · ${st('cards.pending')}`
              : st(`status.${c.status}`),
          ])}
        />
      ) : (
        <p>{st('cards.none')}</p>
      )}
      {props.nextHref ? (
        <p>
          <a href={props.nextHref}>→</a>
        </p>
      ) : null}
    </StaffLayout>
  )
}
