import type { CaseAction, CaseDto, DocumentDto } from '../../modules/cases/index.js'
import { CASE_STATUSES, CASE_TRANSITIONS } from '../../modules/cases/index.js'
import { CsrfField, DataTable, ErrorSummary, Notice, Select, TextArea } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { CaseDue } from '../deadlines/case-due.js'
import { type StaffContext, StaffLayout } from '../staff/staff-layout.js'
import { CaseFile, CaseLetters } from './case-file.js'
import { HISTORY_KEYS, type RecordsKey } from './records.messages.js'

type T = (key: RecordsKey, params?: Record<string, string | number>) => string
export const CASE_VIEWS = ['mine', 'unit', 'approval', 'letters', 'register'] as const
export type CaseView = (typeof CASE_VIEWS)[number]

/** An officer's or head's in-tray: my cases, my units' cases, those awaiting my approval. */
export function CasesInTrayPage(p: {
  s: StaffContext
  t: T
  office: { id: string; name: string }
  view: CaseView
  cases: CaseDto[]
  nextCursor: string | null
  people: Map<string, string>
  /** The head's views, when the caller heads a unit: letters to hand out, the case register's form. */
  headViews: Html | null
  done: string | null
  /** Which tabs the caller has (the head's only for heads). */
  views: readonly CaseView[]
  /** The status the list is narrowed to ('' for all). */
  status: string
}): Html {
  const { t } = p
  const link = (view: CaseView) =>
    `/staff/cases?office=${p.office.id}&view=${view}${p.status && view !== 'approval' ? `&status=${p.status}` : ''}`
  return (
    <StaffLayout s={p.s} title={t('cases.title')}>
      <h1>
        {t('cases.title')}: {p.office.name}
      </h1>
      <Notice message={p.done} />
      <nav aria-label={t('cases.title')}>
        <ul class="tabs">
          {p.views.map((view) => (
            <li>
              <a href={link(view)} aria-current={view === p.view ? 'page' : undefined}>
                {t(`cases.${view}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {p.view === 'mine' || p.view === 'unit' ? (
        <form method="get" action="/staff/cases" class="inline-form">
          <input type="hidden" name="office" value={p.office.id} />
          <input type="hidden" name="view" value={p.view} />
          <Select
            name="status"
            label={t('col.status')}
            options={[
              { value: '', label: t('search.all') },
              ...CASE_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) })),
            ]}
            value={p.status}
          />
          <button type="submit" class="secondary">
            {t('cases.filter')}
          </button>
        </form>
      ) : null}
      {p.headViews ? (
        p.headViews
      ) : p.cases.length === 0 ? (
        <p>{t('cases.none')}</p>
      ) : (
        <DataTable
          headers={[t('col.sign'), t('case.subject'), t('col.status'), t('col.started'), t('case.assignee')]}
          rows={p.cases.map((c) => [
            <a href={`/staff/cases/${c.id}`}>{c.sign}</a>,
            c.title,
            t(`status.${c.status}` as RecordsKey),
            c.startedOn,
            c.assigneeId ? (p.people.get(c.assigneeId) ?? '') : t('case.nobody'),
          ])}
        />
      )}
      {p.nextCursor ? (
        <p>
          <a href={`${link(p.view)}&cursor=${encodeURIComponent(p.nextCursor)}`}>→</a>
        </p>
      ) : null}
    </StaffLayout>
  )
}

/** A history entry's action in words: a workflow step by its button's name, the rest by their own. */
function historyAction(t: T, action: string): string {
  if (action in CASE_TRANSITIONS) return t(`step.${action as CaseAction}`)
  const key = `history.${action}` as RecordsKey
  return key in HISTORY_KEYS ? t(key) : action
}

/** A case: what it is, its letters, the steps the caller may take now (as buttons), its history. */
export function CasePage(p: {
  s: StaffContext
  t: T
  c: CaseDto
  unit: string
  letters: { id: string; number: string; direction: 'incoming' | 'outgoing'; title: string }[]
  documents: DocumentDto[]
  canChange: boolean
  /** The caller is the unit's head, who may seal documents with the office's seal. */
  canSeal: boolean
  maxMb: number
  staff: { id: string; name: string }[]
  history: { at: string; action: string; actor: string | null; summary: Record<string, unknown> }[]
  people: Map<string, string>
  /** The term and delay forms and notices (the deadlines pages). */
  deadlines: Html
  done: string | null
  errors: { field: string; message: string }[]
}): Html {
  const { t, c } = p
  const stepForm = (step: CaseAction) => {
    const needsReason = 'reason' in CASE_TRANSITIONS[step]
    return (
      <form method="post" action={`/staff/cases/${c.id}/step/${step}`} class="step-form">
        <CsrfField token={p.s.csrf} />
        <input type="hidden" name="version" value={String(c.version)} />
        {step === 'assign' ? (
          <Select
            name={`assigneeId-${step}`}
            label={t('field.assignee')}
            options={p.staff.map((s) => ({ value: s.id, label: s.name }))}
            value={c.assigneeId ?? ''}
          />
        ) : null}
        {needsReason ? (
          <TextArea name={`reason-${step}`} label={`${t('field.reason')}: ${t(`step.${step}`)}`} rows={2} />
        ) : null}
        <button type="submit" class={step === 'return' || step === 'suspend' ? 'secondary' : undefined}>
          {t(`step.${step}`)}
        </button>
      </form>
    )
  }
  return (
    <StaffLayout s={p.s} title={t('case.title', { sign: c.sign })}>
      <p>
        <a href={`/staff/cases?office=${c.officeId}`}>{t('cases.title')}</a>
      </p>
      <h1>{t('case.title', { sign: c.sign })}</h1>
      <Notice message={p.done} />
      <ErrorSummary title={p.s.st('errors.summary')} errors={p.errors} />
      <dl class="facts">
        <dt>{t('case.subject')}</dt>
        <dd>{c.title}</dd>
        <dt>{t('col.status')}</dt>
        <dd>{t(`status.${c.status}` as RecordsKey)}</dd>
        <dt>{t('col.unit')}</dt>
        <dd>{p.unit}</dd>
        <dt>{t('case.category')}</dt>
        <dd>{c.category}</dd>
        <dt>{t('col.started')}</dt>
        <dd>{c.startedOn}</dd>
        {CaseDue({ lang: p.s.ctx.lang, c })}
        {c.closedOn ? <dt>{t('case.closedOn')}</dt> : null}
        {c.closedOn ? <dd>{c.closedOn}</dd> : null}
        <dt>{t('case.assignee')}</dt>
        <dd>{c.assigneeId ? (p.people.get(c.assigneeId) ?? c.assigneeId) : t('case.nobody')}</dd>
      </dl>
      <CaseLetters s={p.s} t={t} c={c} letters={p.letters} canChange={p.canChange} errors={p.errors} />
      {p.deadlines}
      <section aria-labelledby="next-heading">
        <h2 id="next-heading">{t('case.next')}</h2>
        {c.next.length === 0 ? <p>{t('case.noSteps')}</p> : (c.next as CaseAction[]).map(stepForm)}
      </section>
      <CaseFile
        s={p.s}
        t={t}
        c={c}
        documents={p.documents}
        canChange={p.canChange}
        canSeal={p.canSeal}
        maxMb={p.maxMb}
        errors={p.errors}
      />
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('case.history')}</h2>
        <DataTable
          headers={[t('col.when'), t('col.action'), t('col.who'), t('field.reason')]}
          rows={p.history.map((h) => [
            h.at.replace('T', ' ').slice(0, 19),
            historyAction(t, h.action.replace(/^case\./, '')),
            h.actor ?? '',
            typeof h.summary.reason === 'string' ? h.summary.reason : '',
          ])}
        />
      </section>
    </StaffLayout>
  )
}
