import type { CaseDto } from '../../modules/cases/index.js'
import type { Lang } from '../../platform/i18n/index.js'
import { type Html, h } from '../../web/jsx.js'
import { dueTexts } from './deadlines.messages.js'
import { DueSteps, dayInWords } from './due-steps.js'

/**
 * A case's term and due date as facts of its page (terms and descriptions of a `<dl>`): where the term came from,
 * the last day with the steps that reached it, and any suspension that stopped its clock.
 */
export function CaseDue(props: { lang: Lang; c: CaseDto }): Html[] {
  const t = dueTexts(props.lang)
  const { c } = props
  const term = c.term
    ? t(`case.term.${c.termSource ?? 'manual'}`, { term: c.term, basis: c.termBasis ?? '' })
    : t('case.term.none')
  // Terms and descriptions straight in the page's <dl>: no wrapper, as a list of facts allows.
  return [
    <dt>{t('case.term')}</dt>,
    <dd>{term}</dd>,
    ...(c.dueOn
      ? [
          <dt>{t('case.due')}</dt>,
          <dd class="case-due">
            <strong>{dayInWords(props.lang, c.dueOn)}</strong>
            {c.suspendedOn ? <p>{t('case.suspendedSince', { date: c.suspendedOn })}</p> : null}
            {c.suspendedDays > 0 ? <p>{t('case.suspendedDays', { days: c.suspendedDays })}</p> : null}
            <details>
              <summary>{t('case.due.how')}</summary>
              <DueSteps lang={props.lang} steps={c.dueSteps} />
            </details>
          </dd>,
        ]
      : []),
  ]
}
