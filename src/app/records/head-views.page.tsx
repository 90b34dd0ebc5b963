import type { IncomingDto } from '../../modules/registry/index.js'
import { CsrfField, DataTable, Field, Select } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import type { StaffContext } from '../staff/staff-layout.js'
import type { RecordsKey } from './records.messages.js'

type T = (key: RecordsKey, params?: Record<string, string | number>) => string

/**
 * A head's letters to hand out: incoming letters given to the unit that nobody handles yet, each
 * with the unit's staff to pick from and a button (a form per row, no JavaScript needed).
 */
export function LettersToAssign(p: {
  s: StaffContext
  t: T
  letters: IncomingDto[]
  staffOf: (unitId: string) => { id: string; name: string }[]
}): Html {
  const { t } = p
  if (p.letters.length === 0) return <p>{t('head.noLetters')}</p>
  return (
    <DataTable
      headers={[t('col.number'), t('col.received'), t('col.sender'), t('col.subject'), t('head.assignTo')]}
      rows={p.letters.map((l) => [
        <a href={`/staff/registry/incoming/${l.id}`}>{l.number}</a>,
        l.receivedAt.slice(0, 10),
        l.sender.name ?? '—',
        l.title,
        <form method="post" action={`/staff/cases/letters/${l.id}/assign`} class="inline-form">
          <CsrfField token={p.s.csrf} />
          <input type="hidden" name="unitId" value={l.unitId ?? ''} />
          <select name="userId" aria-label={t('head.assignLetter', { number: l.number })}>
            {p.staffOf(l.unitId ?? '').map((u) => (
              <option value={u.id}>{u.name}</option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {t('step.assign')}
          </button>
        </form>,
      ])}
    />
  )
}

/** A unit's case register (spis spraw) to print or keep: the unit, the class and the year. */
export function CaseRegisterForm(p: {
  t: T
  officeId: string
  units: { id: string; label: string }[]
  year: number
}): Html {
  const { t } = p
  return (
    <form method="get" action="/staff/cases/register">
      <input type="hidden" name="office" value={p.officeId} />
      <p>{t('head.registerIntro')}</p>
      <Select
        name="unit"
        label={t('col.unit')}
        options={p.units.map((u) => ({ value: u.id, label: u.label }))}
      />
      <Field name="symbol" label={t('head.symbol')} required maxlength={20} hint={t('head.symbolHint')} />
      <Field name="year" type="number" label={t('head.year')} required value={String(p.year)} />
      <Select
        name="format"
        label={t('head.format')}
        options={[
          { value: 'pdf', label: 'PDF' },
          { value: 'csv', label: 'CSV' },
        ]}
      />
      <button type="submit">{t('head.print')}</button>
    </form>
  )
}
