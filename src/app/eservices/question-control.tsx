import type { Question } from '../../modules/catalogue/index.js'
import type { Lang } from '../../platform/i18n/index.js'
import { Field, TextArea } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { applyTexts } from './apply.messages.js'

type Value = string | number | boolean | string[] | { type: string; size: number; sha256: string } | undefined

const INPUTS: Partial<
  Record<Question['type'], { type?: string; inputmode?: string; autocomplete?: string }>
> = {
  email: { type: 'email', autocomplete: 'email' },
  phone: { type: 'tel', autocomplete: 'tel' },
  date: { type: 'date' },
  number: { inputmode: 'decimal' },
  pesel: { inputmode: 'numeric' },
  rnokpp: { inputmode: 'numeric' },
  iban: { autocomplete: 'off' },
}

/**
 * One question of a form as a page shows it, by its type: an input, a text area, radios, check boxes,
 * a declaration's one box, or a file; its label and help in the page's language, its error beside it.
 */
export function QuestionControl(p: {
  q: Question
  lang: Lang
  value: Value
  fileName?: string | undefined
  error?: string | undefined
}): Html {
  const { q, lang } = p
  const t = applyTexts(lang)
  const label = `${q.label[lang]}${q.required === false && q.type !== 'declaration' ? ` ${t('apply.optional')}` : ''}`
  const hint = q.help?.[lang]
  const text = typeof p.value === 'string' || typeof p.value === 'number' ? String(p.value) : undefined
  const id = `field-${q.id}`
  const errorLine = p.error ? (
    <p class="error" id={`${id}-error`}>
      {p.error}
    </p>
  ) : null
  const hintLine = hint ? (
    <p class="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null
  const described =
    [hint ? `${id}-hint` : null, p.error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  switch (q.type) {
    case 'long-text':
    case 'address':
      return (
        <TextArea
          name={q.id}
          label={label}
          value={text}
          rows={q.type === 'address' ? 3 : 6}
          error={p.error}
          {...(hint ? { hint } : {})}
        />
      )
    case 'choice':
    case 'multiple-choice': {
      const chosen = Array.isArray(p.value) ? p.value : text !== undefined ? [text] : []
      return (
        <div class={p.error ? 'field field-error' : 'field'}>
          <fieldset id={id} aria-describedby={described}>
            <legend>{label}</legend>
            {hintLine}
            {errorLine}
            {(q.choices ?? []).map((c, i) => (
              <div class="choice">
                <input
                  type={q.type === 'choice' ? 'radio' : 'checkbox'}
                  id={`${id}-${i}`}
                  name={q.id}
                  value={c.value}
                  checked={chosen.includes(c.value)}
                />
                <label for={`${id}-${i}`}>{c.label[lang]}</label>
              </div>
            ))}
          </fieldset>
        </div>
      )
    }
    case 'declaration':
      return (
        <div class={p.error ? 'field field-error' : 'field'}>
          {hintLine}
          {errorLine}
          <div class="choice">
            <input
              type="checkbox"
              id={id}
              name={q.id}
              value="true"
              checked={p.value === true || p.value === 'true'}
              aria-describedby={described}
            />
            <label for={id}>{label}</label>
          </div>
        </div>
      )
    case 'file':
      return (
        <div class={p.error ? 'field field-error' : 'field'}>
          <label for={id}>{label}</label>
          {hintLine}
          {p.fileName ? <p class="hint">{t('apply.currentFile', { name: p.fileName })}</p> : null}
          {errorLine}
          <input
            type="file"
            id={id}
            name={q.id}
            accept={(q.file?.types ?? []).map((x) => `.${x === 'jpeg' ? 'jpg' : x}`).join(',')}
            aria-describedby={described}
            aria-invalid={p.error ? 'true' : undefined}
          />
        </div>
      )
    default: {
      const input = INPUTS[q.type] ?? {}
      return (
        <Field
          name={q.id}
          label={label}
          value={text}
          error={p.error}
          {...(hint ? { hint } : {})}
          {...(input.type ? { type: input.type } : {})}
          {...(input.inputmode ? { inputmode: input.inputmode } : {})}
          {...(input.autocomplete ? { autocomplete: input.autocomplete } : {})}
          {...(q.maxLength ? { maxlength: q.maxLength } : {})}
        />
      )
    }
  }
}

/** An answer in words for the summary: a choice's label, yes for a declaration, a file's name. */
export function answerInWords(q: Question, value: Value, lang: Lang, fileName?: string): string {
  const t = applyTexts(lang)
  const label = (v: string) => q.choices?.find((c) => c.value === v)?.label[lang] ?? v
  if (value === undefined) return '—'
  if (q.type === 'file') return fileName ?? '—'
  // A form posted without JavaScript keeps a ticked box as text.
  if (q.type === 'declaration')
    return value === true || value === 'true' || value === 'on' ? t('apply.yes') : '—'
  if (Array.isArray(value)) return value.map(label).join(', ')
  if (typeof value === 'object') return '—'
  return q.type === 'choice' ? label(String(value)) : String(value)
}
