import type { CaseDto } from '../../modules/cases/index.js'
import type { Lang } from '../../platform/i18n/index.js'
import { CsrfField, Field, Select, TextArea } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { dueTexts } from './deadlines.messages.js'

/**
 * A case page's term and delay: change the term (statutory, or by hand with a reason), draft a KPA
 * art. 36 notice, and record a drafted notice as dispatched. Plain forms: no JavaScript needed.
 */
export function CaseDeadlineForms(p: {
  lang: Lang
  csrf: string
  c: CaseDto
  statutoryTerms: { code: string; term: string; law: string }[]
  notices: { id: string; documentId: string; reason: string; newDueOn: string; dispatchedOn: string | null }[]
  canChange: boolean
  errors: { field: string; message: string }[]
}): Html {
  const t = dueTexts(p.lang)
  const { c } = p
  const error = (field: string) => p.errors.find((e) => e.field === field)?.message
  const unit = c.term?.slice(-1) ?? 'D'
  return (
    <section aria-labelledby="deadline-heading">
      <h2 id="deadline-heading">{t('cd.section')}</h2>
      {p.notices.length > 0 ? (
        <div>
          <h3>{t('cd.notices')}</h3>
          <ul>
            {p.notices.map((n) => (
              <li>
                <a href={`/staff/cases/${c.id}/documents/${n.documentId}/versions/1`}>
                  {t('cd.noticeLine', { date: n.newDueOn, reason: n.reason })}
                </a>{' '}
                —{' '}
                {n.dispatchedOn ? (
                  t('cd.dispatched', { date: n.dispatchedOn })
                ) : p.canChange ? (
                  <form
                    method="post"
                    action={`/staff/cases/${c.id}/delay-notices/${n.id}/dispatch`}
                    class="inline-form"
                  >
                    <CsrfField token={p.csrf} />
                    <button type="submit" class="secondary">
                      {t('cd.markDispatched')}
                    </button>
                  </form>
                ) : (
                  t('cd.pending')
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {p.canChange ? (
        <div>
          <form method="post" action={`/staff/cases/${c.id}/term`} novalidate>
            <h3>{t('cd.termForm')}</h3>
            <p class="hint">{t('cd.termHint')}</p>
            <CsrfField token={p.csrf} />
            <Select
              name="statutoryTerm"
              label={t('cd.statutory')}
              value={c.termSource === 'statutory' ? (c.termBasis ?? '') : ''}
              options={[
                { value: '', label: t('cd.byHand') },
                ...p.statutoryTerms.map((s) => ({ value: s.code, label: `${s.term} — ${s.law}` })),
              ]}
              error={error('statutoryTerm')}
            />
            <div class="field-row">
              <Field
                name="termAmount"
                label={t('cd.amount')}
                type="number"
                inputmode="numeric"
                value={c.term ? c.term.slice(1, -1) : ''}
                error={error('term')}
              />
              <Select
                name="termUnit"
                label={t('cd.unit')}
                value={unit}
                options={(['D', 'W', 'M'] as const).map((u) => ({ value: u, label: t(`due.unit.${u}`) }))}
              />
            </div>
            <TextArea name="termReason" label={t('cd.reason')} rows={2} error={error('termReason')} />
            <button type="submit" class="secondary">
              {t('cd.saveTerm')}
            </button>
          </form>
          {c.dueOn ? (
            <form method="post" action={`/staff/cases/${c.id}/delay-notices`} novalidate>
              <h3>{t('cd.noticeForm')}</h3>
              <p class="hint">{t('cd.noticeHint')}</p>
              <CsrfField token={p.csrf} />
              <TextArea name="reason" label={t('cd.reason')} rows={2} error={error('reason')} />
              <Field name="newDueOn" label={t('cd.newDue')} type="date" error={error('newDueOn')} />
              <button type="submit">{t('cd.draft')}</button>
            </form>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
