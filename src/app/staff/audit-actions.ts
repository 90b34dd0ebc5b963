import type { Lang } from '../../platform/i18n/index.js'
import en from './audit-actions.en.json' with { type: 'json' }
import pl from './audit-actions.pl.json' with { type: 'json' }
import uk from './audit-actions.uk.json' with { type: 'json' }

type Words = { subject: Record<string, string>; verb: Record<string, string> }
const WORDS: Record<Lang, Words> = { en, pl, uk }

/**
 * An audit action in words ("case.approve" → "Case: approved"). Actions are `<subject>.<verb>`, so
 * the two parts are translated apart; a part with no words yet shows as its code.
 */
export function actionInWords(lang: Lang, action: string): string {
  const dot = action.indexOf('.')
  if (dot < 0) return action
  const words = WORDS[lang]
  const subject = action.slice(0, dot)
  const verb = action.slice(dot + 1)
  return `${words.subject[subject] ?? subject}: ${words.verb[verb] ?? verb}`
}

/** The subjects of the log, for the filter's choices, in the page's language. */
export function auditSubjects(lang: Lang): { value: string; label: string }[] {
  return Object.entries(WORDS[lang].subject).map(([value, label]) => ({ value, label }))
}
