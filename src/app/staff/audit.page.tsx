import { DataTable } from '../../web/forms.js'
import { Fragment, type Html, h } from '../../web/jsx.js'
import { type StaffContext, StaffLayout } from './staff-layout.js'

export interface AuditEntryView {
  seq: number
  at: string
  actor: { login: string | null }
  action: string
  subject: { type: string; id: string | null }
}

/** The audit log: chain status, head to anchor, newest entries. */
export function AuditPage(props: {
  s: StaffContext
  entries: AuditEntryView[]
  check: { valid: boolean; entries: number; firstBrokenSeq: number | null }
  head: { seq: number; hash: string }
  nextCursor: string | null
}): Html {
  const { st } = props.s
  return (
    <StaffLayout s={props.s} title={st('audit.title')}>
      <h1>{st('audit.title')}</h1>
      {props.check.valid ? (
        <p class="notice" role="status">
          {st('audit.valid', { entries: props.check.entries })}
        </p>
      ) : (
        <div class="error-summary" role="alert">
          <p>{st('audit.broken', { seq: props.check.firstBrokenSeq ?? '?' })}</p>
        </div>
      )}
      <p class="mono">{st('audit.head', { seq: props.head.seq, hash: props.head.hash })}</p>
      <DataTable
        headers={(['audit.seq', 'audit.at', 'audit.actor', 'audit.action', 'audit.subject'] as const).map(
          (k) => st(k),
        )}
        rows={props.entries.map((e) => [
          e.seq,
          e.at.replace('T', ' ').slice(0, 19),
          e.actor.login ?? st('audit.anonymous'),
          e.action,
          <>
            {e.subject.type}
            {e.subject.id ? <span class="mono"> {e.subject.id}</span> : null}
          </>,
        ])}
      />
      {props.nextCursor ? (
        <p>
          <a href={`/staff/audit?cursor=${encodeURIComponent(props.nextCursor)}`}>{st('audit.older')}</a>
        </p>
      ) : null}
    </StaffLayout>
  )
}
