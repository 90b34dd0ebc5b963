import { type Static, Type } from 'typebox'
import { MultilingualText } from '../../platform/http/schemas.js'

/** The kinds of question a form asks. */
export const QUESTION_TYPES = [
  'text',
  'long-text',
  'number',
  'date',
  'email',
  'phone',
  'address',
  'pesel',
  'rnokpp',
  'iban',
  'choice',
  'multiple-choice',
  'file',
  'declaration',
] as const

const Key = Type.String({
  pattern: '^[a-z][a-z0-9-]{0,39}$',
  description: 'Stable key: lower case, digits, dashes',
})

/** Show a question or a step only when an earlier answer is one of these values. */
export const Condition = Type.Object(
  {
    question: Key,
    in: Type.Array(Type.Union([Type.String({ maxLength: 200 }), Type.Boolean()]), {
      minItems: 1,
      maxItems: 50,
    }),
  },
  { additionalProperties: false, description: 'Shown when the answer to `question` is one of `in`' },
)

export const Question = Type.Object(
  {
    id: Key,
    type: Type.Enum(QUESTION_TYPES),
    label: MultilingualText,
    help: Type.Optional(MultilingualText),
    required: Type.Optional(Type.Boolean({ default: true })),
    /** Personal data: kept apart, shown to staff who handle the case only, erased with the case. */
    personal: Type.Optional(Type.Boolean({ default: false })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 20000 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    choices: Type.Optional(
      Type.Array(
        Type.Object({ value: Type.String({ minLength: 1, maxLength: 200 }), label: MultilingualText }),
        {
          minItems: 1,
          maxItems: 100,
        },
      ),
    ),
    file: Type.Optional(
      Type.Object(
        {
          types: Type.Array(Type.Enum(['pdf', 'png', 'jpeg', 'xml']), { minItems: 1 }),
          maxBytes: Type.Integer({ minimum: 1, maximum: 250 * 1024 * 1024 }),
        },
        { additionalProperties: false },
      ),
    ),
    showIf: Type.Optional(Condition),
  },
  { additionalProperties: false },
)
export type Question = Static<typeof Question>

export const Step = Type.Object(
  {
    id: Key,
    title: MultilingualText,
    questions: Type.Array(Question, { minItems: 1, maxItems: 100 }),
    showIf: Type.Optional(Condition),
  },
  { additionalProperties: false },
)

/** A form: its steps in order, one question group per page. Format version 1. Versioned with its card. */
export const FormDefinition = Type.Object(
  {
    format: Type.Literal(1),
    steps: Type.Array(Step, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
)
export type FormDefinition = Static<typeof FormDefinition>

/**
 * What JSON Schema cannot say about a form: keys unique across the form; a condition looks back at an
 * earlier question that has answers to match (a choice, or a declaration); choice questions have
 * choices and file questions their limits. Each problem names where it is.
 */
export function definitionProblems(form: FormDefinition): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = []
  const seen = new Map<string, Question>()
  const condition = (path: string, c: Static<typeof Condition> | undefined) => {
    if (!c) return
    const target = seen.get(c.question)
    if (!target) problems.push({ path, message: `refers to ${c.question}, which is not an earlier question` })
    else if (!['choice', 'multiple-choice', 'declaration'].includes(target.type))
      problems.push({ path, message: `${c.question} is not a choice or a declaration` })
  }
  form.steps.forEach((step, s) => {
    condition(`steps.${s}.showIf`, step.showIf)
    step.questions.forEach((q, i) => {
      const at = `steps.${s}.questions.${i}`
      if (seen.has(q.id)) problems.push({ path: `${at}.id`, message: `${q.id} is used twice` })
      condition(`${at}.showIf`, q.showIf)
      if ((q.type === 'choice' || q.type === 'multiple-choice') && !q.choices?.length)
        problems.push({ path: `${at}.choices`, message: 'a choice needs its choices' })
      if (q.type === 'file' && !q.file)
        problems.push({ path: `${at}.file`, message: 'a file question needs its types and size' })
      if (q.min !== undefined && q.max !== undefined && q.min > q.max)
        problems.push({ path: `${at}.min`, message: 'is above max' })
      seen.set(q.id, q)
    })
  })
  return problems
}

/**
 * A card's e-service: the form residents fill in online, whether the application must be signed, whether
 * one may apply without an account (an e-mail confirmed by a one-time link), and where a case for it
 * is opened (the unit's code and the class's symbol in the office's classification).
 */
export const EService = Type.Object(
  {
    form: FormDefinition,
    signature: Type.Optional(Type.Enum(['none', 'required'], { default: 'none' })),
    withoutAccount: Type.Optional(Type.Boolean({ default: false })),
    case: Type.Optional(
      Type.Object(
        {
          unit: Type.String({ pattern: '^[\\w.-]{1,20}$' }),
          symbol: Type.String({ pattern: '^[\\w.-]{1,20}$' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type EService = Static<typeof EService>
