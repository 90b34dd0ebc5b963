import type { Lang } from '../../platform/i18n/index.js'
import { type Html, h } from '../../web/jsx.js'
import { type DueKey, dueTexts } from './deadlines.messages.js'

/** One step of how a due date was reached, as the deadline engine gives it. */
export interface Step {
  kind: string
  date: string
  amount?: number | undefined
  name?: string | undefined
}

/** A date in words in the reader's language: "Friday, 4 December 2026". */
export const dayInWords = (lang: Lang, date: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`))

/** The steps that reached a due date, each in words, for a clerk to explain it to a resident. */
export function DueSteps(props: { lang: Lang; steps: readonly Step[] }): Html {
  const t = dueTexts(props.lang)
  return (
    <ol class="due-steps">
      {props.steps.map((s) => (
        <li>
          {t(`due.step.${s.kind}` as DueKey, {
            date: dayInWords(props.lang, s.date),
            amount: s.amount ?? 0,
            name: s.name ?? '',
          })}
        </li>
      ))}
    </ol>
  )
}
