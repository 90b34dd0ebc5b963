import type { FormDefinition, Question } from '../catalogue/index.js'
import { ibanOf, isIban, isPesel, isRnokpp } from './personal-identifiers.js'

/** An answer as a form sends it: text, a number, a yes, a list of choices, or an uploaded file's facts. */
export type Answer = string | number | boolean | string[] | { type: string; size: number; sha256: string }
export type Answers = Record<string, Answer>

/** A problem with an answer; `keyword` says which rule, for pages that say it in the resident's language. */
type Problem = { path: string; message: string; keyword: ProblemKind }
export type ProblemKind =
  | 'required'
  | 'confirm'
  | 'maxLength'
  | 'minimum'
  | 'maximum'
  | 'fileSize'
  | 'fileType'
  | 'format'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+?[0-9 ()-]{7,20}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

const shown = (condition: Question['showIf'], answers: Answers) => {
  if (!condition) return true
  const answer = answers[condition.question]
  const values = Array.isArray(answer) ? answer : [answer]
  // Compared as text: a form posted without JavaScript sends `true` as text.
  return values.some((v) => condition.in.some((c) => String(c) === String(v)))
}

/** The steps a resident goes through, given the answers so far: those whose conditions hold, in order. */
export function stepsShown(form: FormDefinition, answers: Answers): FormDefinition['steps'] {
  return form.steps.filter((step) => shown(step.showIf, answers))
}

/** The questions a resident is asked, given the answers so far: steps and questions whose conditions hold. */
export function questionsAsked(form: FormDefinition, answers: Answers): Question[] {
  const asked: Question[] = []
  for (const step of form.steps) {
    if (!shown(step.showIf, answers)) continue
    for (const q of step.questions) if (shown(q.showIf, answers)) asked.push(q)
  }
  return asked
}

/** What is wrong with an answer: the rule broken and the words for it. */
type Wrong = { keyword: ProblemKind; message: string }
const format = (message: string): Wrong => ({ keyword: 'format', message })

/** One answer checked against its question: null when it is right, else which rule it breaks. */
function problemWith(q: Question, a: Answer): Wrong | null {
  const text = typeof a === 'string' ? a.trim() : null
  switch (q.type) {
    case 'text':
    case 'long-text':
    case 'address':
      if (text === null) return format('must be text')
      return text.length > (q.maxLength ?? (q.type === 'text' ? 500 : 10000))
        ? { keyword: 'maxLength', message: 'is too long' }
        : null
    case 'number': {
      const n =
        typeof a === 'number' ? a : text !== null && text !== '' ? Number(text.replace(',', '.')) : Number.NaN
      if (!Number.isFinite(n)) return format('must be a number')
      if (q.min !== undefined && n < q.min) return { keyword: 'minimum', message: `must be ${q.min} or more` }
      if (q.max !== undefined && n > q.max) return { keyword: 'maximum', message: `must be ${q.max} or less` }
      return null
    }
    case 'date':
      return text !== null && DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))
        ? null
        : format('must be a date, e.g. 2026-12-01')
    case 'email':
      return text !== null && EMAIL.test(text) && text.length <= 254
        ? null
        : format('must be an e-mail address')
    case 'phone':
      return text !== null && PHONE.test(text) ? null : format('must be a phone number')
    case 'pesel':
      return text !== null && isPesel(text)
        ? null
        : format('is not a valid PESEL (11 digits with a check digit)')
    case 'rnokpp':
      return text !== null && isRnokpp(text)
        ? null
        : format('is not a valid РНОКПП (10 digits with a check digit)')
    case 'iban':
      return text !== null && isIban(ibanOf(text) ?? '') ? null : format('is not a valid IBAN')
    case 'choice':
      return text !== null && (q.choices ?? []).some((c) => c.value === text)
        ? null
        : format('must be one of the choices')
    case 'multiple-choice':
      return Array.isArray(a) && a.every((v) => (q.choices ?? []).some((c) => c.value === v))
        ? null
        : format('must be among the choices')
    case 'declaration':
      return a === true ? null : { keyword: 'confirm', message: 'must be confirmed' }
    case 'file': {
      if (typeof a !== 'object' || a === null || Array.isArray(a)) return format('must be a file')
      if (!q.file?.types.includes(a.type as 'pdf'))
        return { keyword: 'fileType', message: `must be ${q.file?.types.join(', ')}` }
      return a.size > (q.file?.maxBytes ?? 0) ? { keyword: 'fileSize', message: 'is too large' } : null
    }
  }
}

/**
 * An answer as its question keeps it, whatever shape it came in: a form posted without JavaScript (or
 * JSON coerced by the schema) sends text, so a declaration's `on` or `true` is a yes, and one choice
 * of a multiple choice is a list of one; a file's facts are only ever the stored file's, never sent.
 */
function normalised(q: Question, a: Answer | undefined): Answer | undefined {
  if (a === undefined) return a
  if (q.type === 'file') return typeof a === 'object' && !Array.isArray(a) ? a : undefined
  if (typeof a === 'object' && !Array.isArray(a)) return undefined
  if (q.type === 'declaration') return a === true || a === 'true' || a === 'on' || a === 'yes' ? true : a
  if (q.type === 'multiple-choice' && typeof a === 'string') return a === '' ? [] : [a]
  return a
}

const empty = (a: Answer | undefined) =>
  a === undefined || (typeof a === 'string' && a.trim() === '') || (Array.isArray(a) && a.length === 0)

/**
 * Checks a form's answers, as the GOV.UK pattern shows them: every question asked (its conditions
 * holding) that is required must be answered, and each answer must be right for its type (checksums
 * of PESEL, РНОКПП and IBAN included). Answers to questions not asked are dropped, so a resident who
 * went back and changed their mind leaves nothing stale. Problems are `answers.<question>`.
 */
export function checkAnswers(
  form: FormDefinition,
  answers: Answers,
): { answers: Answers; problems: Problem[] } {
  const kept: Answers = {}
  const problems: Problem[] = []
  for (const q of questionsAsked(form, answers)) {
    const a = normalised(q, answers[q.id])
    if (empty(a)) {
      if (q.required !== false || q.type === 'declaration')
        problems.push({
          path: `answers.${q.id}`,
          message: q.type === 'declaration' ? 'must be confirmed' : 'is required',
          keyword: q.type === 'declaration' ? 'confirm' : 'required',
        })
      continue
    }
    const problem = problemWith(q, a as Answer)
    if (problem) problems.push({ path: `answers.${q.id}`, ...problem })
    else kept[q.id] = typeof a === 'string' ? a.trim() : (a as Answer)
  }
  return { answers: kept, problems }
}
