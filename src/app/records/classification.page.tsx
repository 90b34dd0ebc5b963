import { CsrfField, DataTable, ErrorSummary, Field, Notice, TextArea } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { type StaffContext, StaffLayout } from '../staff/staff-layout.js'
import { OfficeSwitcher } from './office-switcher.js'
import type { RecordsKey } from './records.messages.js'

type T = (key: RecordsKey, params?: Record<string, string | number>) => string
type Brief = { symbol: string; title: string; category: string | null }

/** An office's classification: its versions, and a new one imported with a preview of what changes. */
export function ClassificationPage(p: {
  s: StaffContext
  t: T
  office: { id: string; name: string }
  offices: { id: string; name: string }[]
  versions: { adoptedOn: string; classes: number; importedBy: string }[]
  preview: { added: Brief[]; removed: Brief[]; changed: { symbol: string; from: Brief; to: Brief }[] } | null
  csv: string
  adoptedOn: string
  done: string | null
  errors: { field: string; message: string }[]
}): Html {
  const { t } = p
  const briefs = (list: Brief[]) => (
    <DataTable
      headers={[t('cls.symbol'), t('cls.classTitle'), t('cls.category')]}
      rows={list.slice(0, 200).map((c) => [c.symbol, c.title, c.category ?? ''])}
    />
  )
  const error = (field: string) => p.errors.find((e) => e.field === field)?.message
  return (
    <StaffLayout s={p.s} title={t('cls.title', { office: p.office.name })}>
      <h1>{t('cls.title', { office: p.office.name })}</h1>
      <Notice message={p.done} />
      <OfficeSwitcher
        action="/staff/classification"
        office={p.office}
        offices={p.offices}
        label={t('desk.office')}
        show={t('desk.show')}
      />
      <h2>{t('cls.versions')}</h2>
      <DataTable
        headers={[t('cls.adoptedOn'), t('cls.classes'), t('cls.importedBy')]}
        rows={p.versions.map((v) => [v.adoptedOn, String(v.classes), v.importedBy])}
      />
      <h2>{t('cls.import')}</h2>
      <ErrorSummary
        title={p.s.st('errors.summary')}
        errors={p.errors.map((e) => ({ ...e, field: e.field.startsWith('line') ? 'csv' : e.field }))}
      />
      {p.preview ? (
        <section aria-labelledby="changes-heading">
          <h3 id="changes-heading">
            {t('cls.changes', {
              added: p.preview.added.length,
              removed: p.preview.removed.length,
              changed: p.preview.changed.length,
            })}
          </h3>
          {p.preview.added.length > 0 ? <h4>{t('cls.added')}</h4> : null}
          {p.preview.added.length > 0 ? briefs(p.preview.added) : null}
          {p.preview.removed.length > 0 ? <h4>{t('cls.removed')}</h4> : null}
          {p.preview.removed.length > 0 ? briefs(p.preview.removed) : null}
          {p.preview.changed.length > 0 ? <h4>{t('cls.changed')}</h4> : null}
          {p.preview.changed.length > 0 ? briefs(p.preview.changed.map((c) => c.to)) : null}
        </section>
      ) : null}
      <form method="post" action={`/staff/classification/${p.office.id}`} novalidate>
        <CsrfField token={p.s.csrf} />
        <Field
          name="adoptedOn"
          type="date"
          label={t('cls.adoptedOn')}
          value={p.adoptedOn}
          required
          error={error('adoptedOn')}
        />
        <TextArea
          name="csv"
          label={t('cls.csv')}
          hint={t('cls.csvHint')}
          value={p.csv}
          rows={12}
          error={
            p.errors
              .filter((e) => e.field.startsWith('line') || e.field === 'csv')
              .map((e) => e.message)
              .join(' ') || undefined
          }
        />
        <button type="submit" name="intent" value="preview" class="secondary">
          {t('cls.preview')}
        </button>{' '}
        <button type="submit" name="intent" value="adopt">
          {t('cls.adopt')}
        </button>
      </form>
    </StaffLayout>
  )
}
