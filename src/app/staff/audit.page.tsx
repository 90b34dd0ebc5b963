import type { ChainCheck } from '../../modules/audit/index.js'
import type { OfficeDto } from '../../modules/offices/index.js'
import { DataTable, ErrorSummary, Field, Select } from '../../web/forms.js'
import { Fragment, type Html, h } from '../../web/jsx.js'
import { actionInWords, auditSubjects } from './audit-actions.js'
import { type StaffContext, StaffLayout } from './staff-layout.js'

export interface AuditEntryView {
  seq: number
  at: string
  actor: { type: string; login: string | null }
  officeId: string | null
  action: string
  subject: { type: string; id: string | null }
  summary: Record<string, unknown>
  requestId: string | null
  hash: string
}

/** The filters of the page, as typed (strings), to show back in the form and keep in links. */
export interface AuditFilters {
  from?: string | undefined
  to?: string | undefined
  actor?: string | undefined
  office?: string | undefined
  what?: string | undefined
  action?: string | undefined
  subjectId?: string | undefined
}

/** Where a subject of the log can be opened, when it has a page. */
const SUBJECT_PAGES: Record<string, (id: string) => string> = {
  user: (id) => `/staff/users/${id}`,
  office: (id) => `/staff/offices/${id}`,
  service: (id) => `/staff/services/${id}`,
  case: (id) => `/staff/cases/${id}`,
}

/** A value of an entry's summary, shown as text (objects as compact JSON). */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The audit log: chain status, head to anchor, filters, and the entries with what each changed. */
export function AuditPage(props: {
  s: StaffContext
  entries: AuditEntryView[]
  offices: OfficeDto[]
  filters: AuditFilters
  errors: { field: string; message: string }[]
  /** Null when not checked on this view (every chain of a network: on request, `verifyHref`). */
  check: ChainCheck | null
  anchor: ChainCheck['anchors']['latest']
  verifyHref: string | null
  nextHref: string | null
}): Html {
  const { st, ctx } = props.s
  const f = props.filters
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message
  const officeName = new Map(props.offices.map((o) => [o.id, o.name[ctx.lang]]))
  const filtered = Object.values(f).some(Boolean)
  return (
    <StaffLayout s={props.s} title={st('audit.title')}>
      <h1>{st('audit.title')}</h1>
      {props.check === null ? (
        <p>
          <a href={props.verifyHref ?? '/staff/audit?verify=1'}>{st('audit.verifyAll')}</a>
        </p>
      ) : props.check.valid ? (
        <p class="notice" role="status">
          {st('audit.valid', { entries: props.check.entries, chains: props.check.chains })}
        </p>
      ) : (
        <div class="error-summary" role="alert">
          {props.check.broken.map((link) => (
            <p>
              {st('audit.broken', {
                office: link.officeId
                  ? (officeName.get(link.officeId) ?? link.officeId)
                  : st('audit.networkChain'),
                seq: link.seq,
              })}
            </p>
          ))}
          {props.check.anchors.valid ? null : (
            <p>{st('audit.anchorsBroken', { id: props.check.anchors.firstBrokenId ?? '?' })}</p>
          )}
        </div>
      )}
      <p class="mono">
        {props.anchor
          ? st('audit.head', {
              id: props.anchor.id,
              at: props.anchor.at,
              chains: props.anchor.chains,
              root: props.anchor.root,
            })
          : st('audit.noAnchor')}
      </p>

      <ErrorSummary title={st('errors.summary')} errors={props.errors} />
      <form method="get" action="/staff/audit" class="filters" novalidate>
        <h2>{st('audit.filter')}</h2>
        <div class="filter-grid">
          <Field name="from" label={st('audit.from')} type="date" value={f.from} error={error('from')} />
          <Field name="to" label={st('audit.to')} type="date" value={f.to} error={error('to')} />
          <Field
            name="actor"
            label={st('audit.byLogin')}
            value={f.actor}
            maxlength={100}
            autocomplete="off"
          />
          <Select
            name="office"
            label={st('audit.office')}
            value={f.office}
            options={[
              { value: '', label: st('audit.anyOffice') },
              ...props.offices.map((o) => ({ value: o.id, label: o.name[ctx.lang] })),
            ]}
          />
          <Select
            name="what"
            label={st('audit.what')}
            value={f.what}
            options={[{ value: '', label: st('audit.anything') }, ...auditSubjects(ctx.lang)]}
          />
          <Field
            name="subjectId"
            label={st('audit.subjectId')}
            value={f.subjectId}
            maxlength={100}
            autocomplete="off"
          />
        </div>
        {f.action ? <input type="hidden" name="action" value={f.action} /> : null}
        <button type="submit">{st('audit.apply')}</button>{' '}
        {filtered ? <a href="/staff/audit">{st('audit.clear')}</a> : null}
      </form>

      {props.entries.length === 0 ? (
        <p>{st('audit.none')}</p>
      ) : (
        <DataTable
          headers={(['audit.seq', 'audit.at', 'audit.actor', 'audit.action', 'audit.subject'] as const).map(
            (k) => st(k),
          )}
          rows={props.entries.map((e) => {
            const page = e.subject.id ? SUBJECT_PAGES[e.subject.type] : undefined
            const details = Object.entries(e.summary)
            return [
              e.seq,
              e.at.replace('T', ' ').slice(0, 19),
              e.actor.login ?? st('audit.anonymous'),
              <>
                {actionInWords(ctx.lang, e.action)}
                {e.officeId ? <span class="muted"> · {officeName.get(e.officeId) ?? e.officeId}</span> : null}
                <details>
                  <summary>{st('audit.details')}</summary>
                  <dl class="facts">
                    <dt>{st('audit.code')}</dt>
                    <dd class="mono">{e.action}</dd>
                    {details.map(([k, v]) => (
                      <>
                        <dt>{k}</dt>
                        <dd class="mono">{shown(v)}</dd>
                      </>
                    ))}
                    {e.requestId ? (
                      <>
                        <dt>{st('audit.request')}</dt>
                        <dd class="mono">{e.requestId}</dd>
                      </>
                    ) : null}
                    <dt>{st('audit.hash')}</dt>
                    <dd class="mono">{e.hash}</dd>
                  </dl>
                </details>
              </>,
              <>
                {e.subject.type}
                {e.subject.id ? (
                  page ? (
                    <a class="mono" href={page(e.subject.id)}>
                      {' '}
                      {e.subject.id}
                    </a>
                  ) : (
                    <span class="mono"> {e.subject.id}</span>
                  )
                ) : null}
              </>,
            ]
          })}
        />
      )}
      {props.nextHref ? (
        <p>
          <a href={props.nextHref}>{st('audit.older')}</a>
        </p>
      ) : null}
    </StaffLayout>
  )
}
