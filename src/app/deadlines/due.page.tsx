import { ErrorSummary, Field, Select } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import { dueTexts } from './deadlines.messages.js'
import { DueSteps, dayInWords, type Step } from './due-steps.js'

/**
 * "Until when?": a statutory term from an event, with each step of the count in words, so a clerk
 * can show a resident how the date was reached. A GET form: no JavaScript needed.
 */
export function DuePage(props: {
  ctx: PageContext
  values: {
    from?: string | undefined
    amount?: string | undefined
    unit?: string | undefined
    calendar?: string | undefined
  }
  result: { due: string; steps: Step[] } | null
  errors: { field: string; message: string }[]
}): Html {
  const { ctx } = props
  const t = dueTexts(ctx.lang)
  const v = props.values
  const day = (date: string) => dayInWords(ctx.lang, date)
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message
  return (
    <Layout ctx={ctx} title={t('due.title')}>
      <h1>{t('due.title')}</h1>
      <p class="lead">{t('due.intro')}</p>
      <ErrorSummary title={t('due.how')} errors={props.errors} />
      <form method="get" action="/deadlines" novalidate>
        <div class="field-row">
          <Field name="from" label={t('due.from')} type="date" value={v.from} error={error('from')} />
          <Field
            name="amount"
            label={t('due.amount')}
            type="number"
            inputmode="numeric"
            value={v.amount ?? '14'}
            error={error('amount')}
          />
          <Select
            name="unit"
            label={t('due.unit')}
            value={v.unit ?? 'D'}
            options={(['D', 'W', 'M'] as const).map((u) => ({ value: u, label: t(`due.unit.${u}`) }))}
          />
          <Select
            name="calendar"
            label={t('due.calendar')}
            value={v.calendar ?? (ctx.lang === 'pl' ? 'PL' : 'UA')}
            options={(['PL', 'UA'] as const).map((c) => ({ value: c, label: t(`due.calendar.${c}`) }))}
          />
        </div>
        <button type="submit">{t('due.submit')}</button>
      </form>
      {props.result ? (
        <section aria-labelledby="due-result">
          <h2 id="due-result" role="status">
            {t('due.result', { date: day(props.result.due) })}
          </h2>
          <h3>{t('due.how')}</h3>
          <DueSteps lang={ctx.lang} steps={props.result.steps} />
        </section>
      ) : null}
    </Layout>
  )
}
