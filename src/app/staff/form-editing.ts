import type { FormDefinition, Question } from '../../modules/catalogue/index.js'

type Step = FormDefinition['steps'][number]
type Text = { uk: string; pl: string; en: string }
export type FormFields = Record<string, string | undefined>

const KEY = /^[a-z][a-z0-9-]{0,39}$/
const text = (f: FormFields, name: string): Text | null => {
  const t = {
    uk: (f[`${name}-uk`] ?? '').trim(),
    pl: (f[`${name}-pl`] ?? '').trim(),
    en: (f[`${name}-en`] ?? '').trim(),
  }
  return t.uk || t.pl || t.en ? t : null
}

/** A problem with the editor's form: which field, what is wrong (the route puts it in words). */
export interface EditProblem {
  field: string
  problem: 'required' | 'invalid' | 'taken'
}

/** A condition from the editor's two fields: the earlier question and its values, one per line. */
function conditionOf(f: FormFields, prefix: string) {
  const question = (f[`${prefix}-if`] ?? '').trim()
  if (!question) return undefined
  const values = (f[`${prefix}-in`] ?? '')
    .split(/\r?\n|,/)
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => (v === 'true' ? true : v))
  return { question, in: values.length ? values : [true] }
}

/**
 * A question as the editor's "add a question" form describes it. Choices come one per line as
 * `value | Українська | Polski | English`; file types as pdf, png, jpeg, xml with a size in MB.
 */
export function questionFromFields(f: FormFields): { question?: Question; problems: EditProblem[] } {
  const problems: EditProblem[] = []
  const id = (f.id ?? '').trim()
  if (!KEY.test(id)) problems.push({ field: 'id', problem: id ? 'invalid' : 'required' })
  const label = text(f, 'label')
  if (!label?.uk || !label.pl || !label.en) problems.push({ field: 'label-uk', problem: 'required' })
  const type = (f.type ?? '') as Question['type']
  const choices = (f.choices ?? '')
    .split(/\r?\n/)
    .map((line) => line.split('|').map((p) => p.trim()))
    .filter((parts) => parts[0])
    .map(([value, uk, pl, en]) => ({
      value: value as string,
      label: {
        uk: uk || (value as string),
        pl: pl || uk || (value as string),
        en: en || uk || (value as string),
      },
    }))
  if ((type === 'choice' || type === 'multiple-choice') && choices.length === 0)
    problems.push({ field: 'choices', problem: 'required' })
  const types = (f.fileTypes ?? '')
    .split(/[\s,]+/)
    .filter((x) => ['pdf', 'png', 'jpeg', 'xml'].includes(x)) as ('pdf' | 'png' | 'jpeg' | 'xml')[]
  const megabytes = Number(f.fileMb ?? '')
  if (type === 'file' && (types.length === 0 || !(megabytes > 0 && megabytes <= 250)))
    problems.push({ field: 'fileTypes', problem: 'invalid' })
  if (problems.length > 0 || !label) return { problems }
  const help = text(f, 'help')
  const showIf = conditionOf(f, 'question')
  const question: Question = {
    id,
    type,
    label,
    ...(help ? { help } : {}),
    ...(f.required === 'on' || type === 'declaration' ? {} : { required: false }),
    ...(f.personal === 'on' ? { personal: true } : {}),
    ...(choices.length && (type === 'choice' || type === 'multiple-choice') ? { choices } : {}),
    ...(type === 'file' ? { file: { types, maxBytes: Math.round(megabytes * 1024 * 1024) } } : {}),
    ...(showIf ? { showIf } : {}),
  }
  return { question, problems }
}

/** A step as the editor's "add a step" form describes it. */
export function stepFromFields(f: FormFields): { step?: Omit<Step, 'questions'>; problems: EditProblem[] } {
  const id = (f.id ?? '').trim()
  const title = text(f, 'title')
  const problems: EditProblem[] = []
  if (!KEY.test(id)) problems.push({ field: 'id', problem: id ? 'invalid' : 'required' })
  if (!title?.uk || !title.pl || !title.en) problems.push({ field: 'title-uk', problem: 'required' })
  if (problems.length > 0 || !title) return { problems }
  const showIf = conditionOf(f, 'step')
  return { step: { id, title, ...(showIf ? { showIf } : {}) }, problems }
}

const ids = (form: FormDefinition) =>
  new Set(form.steps.flatMap((s) => [s.id, ...s.questions.map((q) => q.id)]))

/** The form with a question added at the end of a step (a new step made first when it has none yet). */
export function withQuestion(
  form: FormDefinition | null,
  stepId: string,
  question: Question,
  newStep?: Omit<Step, 'questions'>,
) {
  const steps = form?.steps ?? []
  if (form && ids(form).has(question.id)) return { problems: [{ field: 'id', problem: 'taken' as const }] }
  if (newStep) {
    if (form && ids(form).has(newStep.id))
      return { problems: [{ field: 'step-id', problem: 'taken' as const }] }
    return {
      form: { format: 1 as const, steps: [...steps, { ...newStep, questions: [question] }] },
      problems: [],
    }
  }
  if (!steps.some((s) => s.id === stepId))
    return { problems: [{ field: 'step', problem: 'required' as const }] }
  return {
    form: {
      format: 1 as const,
      steps: steps.map((s) => (s.id === stepId ? { ...s, questions: [...s.questions, question] } : s)),
    },
    problems: [],
  }
}

/** Moves a question up or down within its step, or a step among the steps. */
export function moved(form: FormDefinition, id: string, by: -1 | 1): FormDefinition {
  const swap = <T>(list: T[], at: number) => {
    const to = at + by
    if (at < 0 || to < 0 || to >= list.length) return list
    const next = [...list]
    ;[next[at], next[to]] = [next[to] as T, next[at] as T]
    return next
  }
  const stepAt = form.steps.findIndex((s) => s.id === id)
  if (stepAt >= 0) return { ...form, steps: swap(form.steps, stepAt) }
  return {
    ...form,
    steps: form.steps.map((s) => ({
      ...s,
      questions: swap(
        s.questions,
        s.questions.findIndex((q) => q.id === id),
      ),
    })),
  }
}

/** Removes a question (a step left empty goes with it) or a whole step; null when nothing is left. */
export function removed(form: FormDefinition, id: string): FormDefinition | null {
  const steps = form.steps
    .filter((s) => s.id !== id)
    .map((s) => ({ ...s, questions: s.questions.filter((q) => q.id !== id) }))
    .filter((s) => s.questions.length > 0)
  return steps.length ? { ...form, steps } : null
}
