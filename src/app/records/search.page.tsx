import { DataTable, Field, Select } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { type StaffContext, StaffLayout } from '../staff/staff-layout.js'
import { type RecordsKey, STATUS_KEYS } from './records.messages.js'
import type { SearchHit, SearchType } from './records-search.js'

type T = (key: RecordsKey, params?: Record<string, string | number>) => string

/** Where a hit opens on the staff pages (an outgoing letter has no page of its own: its register's day). */
function hitUrl(hit: SearchHit): string | null {
  if (hit.type === 'incoming') return `/staff/registry/incoming/${hit.id}`
  if (hit.type === 'case') return `/staff/cases/${hit.id}`
  if (hit.type === 'document') return `/staff/cases/${hit.caseId}#file-heading`
  return null
}

/** One search box over letters, cases and documents' text, with the kinds to narrow it. */
export function SearchPage(p: {
  s: StaffContext
  t: T
  q: string
  type: SearchType | ''
  types: readonly SearchType[]
  hits: SearchHit[] | null
}): Html {
  const { t } = p
  return (
    <StaffLayout s={p.s} title={t('search.title')}>
      <h1>{t('search.title')}</h1>
      <form method="get" action="/staff/search">
        <Field name="q" label={t('search.words')} hint={t('search.hint')} value={p.q} maxlength={200} />
        <Select
          name="type"
          label={t('search.kind')}
          options={[
            { value: '', label: t('search.all') },
            ...p.types.map((type) => ({ value: type, label: t(`search.type.${type}`) })),
          ]}
          value={p.type}
        />
        <button type="submit">{t('search.go')}</button>
      </form>
      {p.hits === null ? null : p.hits.length === 0 ? (
        <p role="status">{t('search.none')}</p>
      ) : (
        <DataTable
          headers={[
            t('search.kind'),
            t('search.reference'),
            t('col.subject'),
            t('col.status'),
            t('col.when'),
          ]}
          rows={p.hits.map((hit) => {
            const url = hitUrl(hit)
            return [
              t(`search.type.${hit.type}`),
              url ? <a href={url}>{hit.reference}</a> : hit.reference,
              hit.title,
              `status.${hit.status}` in STATUS_KEYS ? t(`status.${hit.status}` as RecordsKey) : hit.status,
              hit.at.slice(0, 10),
            ]
          })}
        />
      )}
    </StaffLayout>
  )
}
