import type { FormDefinition, Question } from '../../modules/catalogue/index.js'
import { QUESTION_TYPES } from '../../modules/catalogue/index.js'
import { Checkbox, CsrfField, ErrorSummary, Field, Notice, Select, TextArea } from '../../web/forms.js'
import { Fragment, type Html, h } from '../../web/jsx.js'
import { QuestionControl } from '../eservices/question-control.js'
import { editorTexts } from './eservice-editor.messages.js'
import { type StaffContext, StaffLayout } from './staff-layout.js'

const LANGS = ['uk', 'pl', 'en'] as const
const LANG_NAMES = { uk: 'Українська', pl: 'Polski', en: 'English' } as const

type EService = {
  form: FormDefinition
  signature?: 'none' | 'required' | undefined
  withoutAccount?: boolean | undefined
  case?: { unit: string; symbol: string } | undefined
}

function Move(p: { s: StaffContext; action: string; item: string }): Html {
  const t = editorTexts(p.s.ctx.lang)
  return (
    <span class="inline-actions">
      {(['up', 'down'] as const).map((dir) => (
        <form method="post" action={`${p.action}/move`} class="inline-form">
          <CsrfField token={p.s.csrf} />
          <input type="hidden" name="item" value={p.item} />
          <input type="hidden" name="by" value={dir === 'up' ? '-1' : '1'} />
          <button type="submit" class="secondary small">
            {t(`ee.${dir}`)}
            <span class="visually-hidden"> {p.item}</span>
          </button>
        </form>
      ))}
      <form method="post" action={`${p.action}/remove`} class="inline-form">
        <CsrfField token={p.s.csrf} />
        <input type="hidden" name="item" value={p.item} />
        <button type="submit" class="secondary small">
          {t('ee.remove')}
          <span class="visually-hidden"> {p.item}</span>
        </button>
      </form>
    </span>
  )
}

/**
 * The editors' page for a card's online form: its settings (signature, applying without an account,
 * where the case opens), its steps and questions in order with their conditions (move, remove), a
 * question added (to a step or a new one), a preview in each language, export and import as JSON.
 */
export function EServiceEditPage(p: {
  s: StaffContext
  card: { id: string; code: string; name: string; version: number }
  eService: EService | null
  values: Record<string, string>
  errors: { field: string; message: string }[]
  done: string | null
}): Html {
  const t = editorTexts(p.s.ctx.lang)
  const lang = p.s.ctx.lang
  const action = `/staff/services/${p.card.id}/eservice`
  const es = p.eService
  const steps = es?.form.steps ?? []
  const questions = steps.flatMap((st) => st.questions)
  const v = p.values
  const error = (f: string) => p.errors.find((e) => e.field === f)?.message
  const condition = (c: Question['showIf']) =>
    c ? t('ee.shownIf', { question: c.question, values: c.in.map(String).join(', ') }) : null
  return (
    <StaffLayout s={p.s} title={t('ee.title', { code: p.card.code })}>
      <p>
        <a href={`/staff/services/${p.card.id}`}>{t('ee.back')}</a>
      </p>
      <h1>{t('ee.title', { code: p.card.code })}</h1>
      <p class="lead">{t('ee.intro')}</p>
      <Notice message={p.done} />
      <ErrorSummary title={p.s.st('errors.summary')} errors={p.errors} />
      <p>
        {t('ee.preview')}:{' '}
        {LANGS.map((l) => (
          <>
            <a href={`${action}/preview?lang=${l}`} hreflang={l} lang={l}>
              {LANG_NAMES[l]}
            </a>{' '}
          </>
        ))}
        {es ? (
          <>
            {' · '}
            <a href={`${action}.json`} download>
              {t('ee.export')}
            </a>
          </>
        ) : null}
      </p>

      <h2>{t('ee.steps')}</h2>
      {steps.length === 0 ? <p>{t('ee.none')}</p> : null}
      {steps.map((st, i) => (
        <section class="panel" aria-labelledby={`step-${st.id}`}>
          <h3 id={`step-${st.id}`}>
            {t('ee.step')} {i + 1}: {st.title[lang]} <code>{st.id}</code>
          </h3>
          {st.showIf ? <p class="hint">{condition(st.showIf)}</p> : null}
          <Move s={p.s} action={action} item={st.id} />
          <ol>
            {st.questions.map((q) => (
              <li>
                <strong>{q.label[lang]}</strong> <code>{q.id}</code> · {q.type}
                {q.required === false ? ` · ${t('ee.optional')}` : ''}
                {q.personal ? ` · ${t('ee.personal')}` : ''}
                {q.showIf ? ` · ${condition(q.showIf)}` : ''} <Move s={p.s} action={action} item={q.id} />
              </li>
            ))}
          </ol>
        </section>
      ))}

      <h2 id="add">{t('ee.add')}</h2>
      <form method="post" action={`${action}/questions`} novalidate>
        <CsrfField token={p.s.csrf} />
        <Select
          name="step"
          label={t('ee.toStep')}
          value={v.step ?? steps.at(-1)?.id ?? ''}
          options={[
            ...steps.map((st) => ({ value: st.id, label: `${st.title[lang]} (${st.id})` })),
            { value: '', label: t('ee.newStep') },
          ]}
          error={error('step')}
        />
        <Field name="step-id" label={t('ee.newStepId')} value={v['step-id']} error={error('step-id')} />
        {LANGS.map((l) => (
          <Field
            name={`step-title-${l}`}
            label={`${t('ee.newStepTitle')} (${LANG_NAMES[l]})`}
            value={v[`step-title-${l}`]}
            error={error(`step-title-${l}`)}
          />
        ))}
        <Field name="id" label={t('ee.key')} value={v.id} error={error('id')} />
        <Select
          name="type"
          label={t('ee.type')}
          value={v.type ?? 'text'}
          options={QUESTION_TYPES.map((x) => ({ value: x, label: x }))}
        />
        {LANGS.map((l) => (
          <Field
            name={`label-${l}`}
            label={`${t('ee.label')} (${LANG_NAMES[l]})`}
            value={v[`label-${l}`]}
            error={error(`label-${l}`)}
          />
        ))}
        {LANGS.map((l) => (
          <Field name={`help-${l}`} label={`${t('ee.help')} (${LANG_NAMES[l]})`} value={v[`help-${l}`]} />
        ))}
        <Checkbox name="required" label={t('ee.required')} checked={(v.required ?? 'on') === 'on'} />
        <Checkbox name="personal" label={t('ee.personal')} checked={v.personal === 'on'} />
        <TextArea
          name="choices"
          label={t('ee.choices')}
          rows={4}
          value={v.choices}
          error={error('choices')}
        />
        <Field
          name="fileTypes"
          label={t('ee.fileTypes')}
          value={v.fileTypes ?? 'pdf'}
          error={error('fileTypes')}
        />
        <Field name="fileMb" label={t('ee.fileMb')} value={v.fileMb ?? '10'} inputmode="decimal" />
        <Select
          name="question-if"
          label={t('ee.if')}
          value={v['question-if'] ?? ''}
          options={[
            { value: '', label: t('ee.always') },
            ...questions
              .filter((q) => ['choice', 'multiple-choice', 'declaration'].includes(q.type))
              .map((q) => ({ value: q.id, label: `${q.label[lang]} (${q.id})` })),
          ]}
        />
        <TextArea name="question-in" label={t('ee.ifValues')} rows={2} value={v['question-in']} />
        <button type="submit">{t('ee.addButton')}</button>
      </form>

      <h2>{t('ee.settings')}</h2>
      <form method="post" action={`${action}/settings`} novalidate>
        <CsrfField token={p.s.csrf} />
        <Select
          name="signature"
          label={t('ee.signature')}
          value={es?.signature ?? 'none'}
          options={[
            { value: 'none', label: t('ee.signature.none') },
            { value: 'required', label: t('ee.signature.required') },
          ]}
        />
        <Checkbox
          name="withoutAccount"
          label={t('ee.withoutAccount')}
          checked={es?.withoutAccount === true}
        />
        <Field
          name="caseUnit"
          label={t('ee.caseUnit')}
          hint={t('ee.caseHint')}
          value={es?.case?.unit}
          error={error('caseUnit')}
        />
        <Field
          name="caseSymbol"
          label={t('ee.caseSymbol')}
          value={es?.case?.symbol}
          error={error('caseSymbol')}
        />
        <button type="submit" disabled={es ? undefined : true}>
          {t('ee.save')}
        </button>
      </form>

      <h2>{t('ee.import')}</h2>
      <form method="post" action={`${action}/import`} novalidate>
        <CsrfField token={p.s.csrf} />
        <TextArea
          name="json"
          label={t('ee.import')}
          hint={t('ee.importHint')}
          rows={6}
          value={v.json}
          error={error('json')}
        />
        <button type="submit" class="secondary">
          {t('ee.importButton')}
        </button>
      </form>
    </StaffLayout>
  )
}

/** The form as residents will see it, every step on one page, in one language; nothing is sent. */
export function EServicePreviewPage(p: { s: StaffContext; code: string; form: FormDefinition | null }): Html {
  const t = editorTexts(p.s.ctx.lang)
  const lang = p.s.ctx.lang
  return (
    <StaffLayout s={p.s} title={t('ee.previewTitle', { lang: LANG_NAMES[lang] })}>
      <h1>{t('ee.previewTitle', { lang: LANG_NAMES[lang] })}</h1>
      <p class="notice">{t('ee.previewNote')}</p>
      {(p.form?.steps ?? []).map((st, i) => (
        <section aria-labelledby={`preview-${st.id}`}>
          <h2 id={`preview-${st.id}`}>
            {i + 1}. {st.title[lang]}
          </h2>
          {st.questions.map((q) => (
            <QuestionControl q={q} lang={lang} value={undefined} />
          ))}
        </section>
      ))}
    </StaffLayout>
  )
}
