import { type Html, h } from '../../web/jsx.js'
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
      <div class="table-scroll">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{st('audit.seq')}</th>
              <th scope="col">{st('audit.at')}</th>
              <th scope="col">{st('audit.actor')}</th>
              <th scope="col">{st('audit.action')}</th>
              <th scope="col">{st('audit.subject')}</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr>
                <td>{e.seq}</td>
                <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
                <td>{e.actor.login ?? st('audit.anonymous')}</td>
                <td>{e.action}</td>
                <td>
                  {e.subject.type}
                  {e.subject.id ? <span class="mono"> {e.subject.id}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.nextCursor ? (
        <p>
          <a href={`/staff/audit?cursor=${encodeURIComponent(props.nextCursor)}`}>{st('audit.older')}</a>
        </p>
      ) : null}
    </StaffLayout>
  )
}
