import { CsrfField, DataTable, Notice } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import type { JobView } from '../jobs/jobs-admin.js'
import { type StaffContext, StaffLayout } from './staff-layout.js'

export const JOB_STATES = ['failed', 'pending', 'running', 'done'] as const
export type JobState = (typeof JOB_STATES)[number]

/** Background jobs for admins: counts, one state's jobs (failed first), and a retry for failed ones. */
export function JobsPage(props: {
  s: StaffContext
  state: JobState
  counts: Record<JobState, number>
  jobs: JobView[]
  nextBefore: string | null
  done: string | null
}): Html {
  const { st, csrf } = props.s
  const outcome = (job: JobView) =>
    job.lastError ?? (job.result === null || job.result === undefined ? '' : JSON.stringify(job.result))
  return (
    <StaffLayout s={props.s} title={st('staff.jobs')}>
      <h1>{st('staff.jobs')}</h1>
      <Notice message={props.done} />
      <p>{st('jobs.intro')}</p>
      <p>{st('jobs.counts', props.counts)}</p>
      <nav aria-label={st('jobs.states')}>
        <ul class="tabs">
          {JOB_STATES.map((state) => (
            <li>
              <a
                href={`/staff/jobs?status=${state}`}
                aria-current={state === props.state ? 'page' : undefined}
              >
                {st(`jobs.${state}`)} ({props.counts[state]})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.jobs.length === 0 ? (
        <p>{st('jobs.none')}</p>
      ) : (
        <DataTable
          headers={[
            st('jobs.kind'),
            st('jobs.runAt'),
            st('jobs.attempts'),
            st('jobs.outcome'),
            ...(props.state === 'failed' ? [st('jobs.action')] : []),
          ]}
          rows={props.jobs.map((job) => [
            <span class="mono">{job.kind}</span>,
            job.runAt.replace('T', ' ').slice(0, 19),
            `${job.attempts} / ${job.maxAttempts}`,
            <span class="mono">{outcome(job).slice(0, 300)}</span>,
            ...(props.state === 'failed'
              ? [
                  <form class="inline-form" method="post" action={`/staff/jobs/${job.id}/retry`}>
                    <CsrfField token={csrf} />
                    <button type="submit" class="secondary">
                      {st('jobs.retry', { kind: job.kind })}
                    </button>
                  </form>,
                ]
              : []),
          ])}
        />
      )}
      {props.nextBefore ? (
        <p>
          <a href={`/staff/jobs?status=${props.state}&before=${encodeURIComponent(props.nextBefore)}`}>
            {st('jobs.older')}
          </a>
        </p>
      ) : null}
    </StaffLayout>
  )
}
