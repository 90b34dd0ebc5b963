import {
  actionsFrom,
  type DeskDto,
  type QueueDto,
  type TicketAction,
  type TicketDto,
} from '../../modules/queue/index.js'
import { assetUrl } from '../../web/assets-manifest.js'
import { CsrfField, DataTable, Field, Notice, Select } from '../../web/forms.js'
import { Fragment, type Html, h } from '../../web/jsx.js'
import { type StaffContext, StaffLayout } from '../staff/staff-layout.js'
import {
  type FrontOfficeKey,
  frontOfficeTexts,
  isFrontOfficeKey,
  priorityLabel,
} from './front-office.messages.js'

export interface DeskConsoleProps {
  s: StaffContext
  /** The desk the clerk sits at, or null: then `desks` to choose from. */
  desk: DeskDto | null
  officeName: string
  current: TicketDto | null
  reason: string | null
  waiting: TicketDto[]
  queues: QueueDto[]
  desks: DeskDto[]
  timezone: string
  /** What the last action did or why it was refused (the console's query). */
  done: {
    called?: string | undefined
    closed?: string | undefined
    closedAs?: 'served' | 'no-show' | 'parked' | undefined
    none?: string | undefined
    ask?: string | undefined
    problem?: string | undefined
    title?: string | undefined
  }
  /** The office's board events: the waiting list follows them (desk.js). */
  eventsUrl: string
}

/** One button that posts an action of the desk console. */
function Action(props: {
  s: StaffContext
  action: string
  ticketId?: string
  label: string
  secondary?: boolean
}) {
  return (
    <form method="post" action={`/staff/desk/${props.action}`} class="inline-form">
      <CsrfField token={props.s.csrf} />
      {props.ticketId ? <input type="hidden" name="ticketId" value={props.ticketId} /> : null}
      <button type="submit" class={props.secondary ? 'secondary' : undefined}>
        {props.label}
      </button>
    </form>
  )
}

type Translate = ReturnType<typeof frontOfficeTexts>

/** What the last action did, in the clerk's words ("A001 finished. A002 called to Desk 3."). */
function doneMessage(ft: Translate, done: DeskConsoleProps['done'], deskName: string): string | null {
  if (done.problem) {
    const key = `desk.problem.${done.problem}`
    return ft('desk.problem', { problem: isFrontOfficeKey(key) ? ft(key) : (done.title ?? done.problem) })
  }
  const parts = [
    done.closed && done.closedAs ? ft(`desk.done.${done.closedAs}`, { number: done.closed }) : null,
    done.called ? ft('desk.done.called', { number: done.called, desk: deskName }) : null,
    done.none ? ft('desk.nothing') : null,
  ]
  return parts.filter(Boolean).join(' ') || null
}

/**
 * Call next. With someone at the desk the clerk first says what became of them: the choices are the
 * ones the ticket's state allows, none chosen beforehand, so nobody is closed without a word.
 */
function CallNext(props: { s: StaffContext; current: TicketDto | null; ask: boolean }) {
  const { s, current } = props
  const ft = frontOfficeTexts(s.ctx.lang)
  if (!current) return <Action s={s} action="call-next" label={ft('desk.callNext')} />
  const choices = (['finish', 'no-show', 'park'] as const).filter((a) =>
    actionsFrom(current.status).includes(a),
  )
  return (
    <form method="post" action="/staff/desk/call-next" class="call-next">
      <CsrfField token={s.csrf} />
      <input type="hidden" name="ticketId" value={current.id} />
      <fieldset
        aria-describedby={props.ask ? 'then-error' : undefined}
        class={props.ask ? 'field-error' : undefined}
      >
        <legend>{ft('desk.then', { number: current.number })}</legend>
        {props.ask ? (
          <p class="error" id="then-error">
            {ft('desk.then.missing', { number: current.number })}
          </p>
        ) : null}
        {choices.map((c) => (
          <label class="checkbox">
            <input type="radio" name="outcome" value={c} required />
            {ft(`desk.then.${c}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit">{ft('desk.callNext')}</button>
    </form>
  )
}

/** The clerk's desk: open it, call the next ticket, serve it, and see who waits. */
export function DeskConsolePage(props: DeskConsoleProps): Html {
  const { s, desk, current } = props
  const ft = frontOfficeTexts(s.ctx.lang)
  const time = new Intl.DateTimeFormat(s.ctx.lang, { timeStyle: 'short', timeZone: props.timezone })
  const queueName = (id: string) => {
    const q = props.queues.find((x) => x.id === id)
    return q ? `${q.prefix} — ${q.name[s.ctx.lang]}` : ''
  }
  if (!desk)
    return (
      <StaffLayout s={s} title={ft('desk.title')}>
        <h1>{ft('desk.title')}</h1>
        <h2>{ft('desk.choose')}</h2>
        {props.desks.length === 0 ? <p>{ft('desk.noDesks')}</p> : null}
        <ul class="desk-choices">
          {props.desks.map((d) => (
            <li>
              <form method="post" action="/staff/desk/open" class="inline-form">
                <CsrfField token={s.csrf} />
                <input type="hidden" name="deskId" value={d.id} />
                <button type="submit" disabled={d.open}>
                  {d.name}
                </button>{' '}
                {d.open ? <span>{ft('desk.busy', { clerk: d.clerk ?? '' })}</span> : null}
              </form>
            </li>
          ))}
        </ul>
      </StaffLayout>
    )
  // The buttons of the ticket in front of the clerk are the actions its state allows.
  const allowed = current ? actionsFrom(current.status) : []
  const can = (action: TicketAction) => allowed.includes(action)
  const parked = props.waiting.filter((t) => t.status === 'parked')
  const waiting = props.waiting.filter((t) => t.status === 'waiting')
  return (
    <StaffLayout s={s} title={ft('desk.title')} head={<script src={assetUrl('desk.js')} defer></script>}>
      <h1>{ft('desk.at', { desk: desk.name, office: props.officeName })}</h1>
      <Notice message={doneMessage(ft, props.done, desk.name)} />
      <section aria-labelledby="current-title" class="desk-current">
        <h2 id="current-title">{ft('desk.current')}</h2>
        {current ? (
          <>
            <p class="desk-number">{current.number}</p>
            <p>
              {queueName(current.queueId)} · {ft(`desk.status.${current.status}` as FrontOfficeKey)}
              {current.priority !== 'none' ? ` · ${priorityLabel(ft, current.priority)}` : ''}
            </p>
            {props.reason ? (
              <p class="hint">
                {ft('desk.reason', { reason: ft(`desk.reason.${props.reason}` as FrontOfficeKey) })}
              </p>
            ) : null}
            <div class="actions">
              {can('start') ? (
                <Action s={s} action="start" ticketId={current.id} label={ft('desk.start')} />
              ) : null}
              {can('recall') ? (
                <Action s={s} action="recall" ticketId={current.id} label={ft('desk.recall')} secondary />
              ) : null}
              {can('no-show') ? (
                <Action s={s} action="no-show" ticketId={current.id} label={ft('desk.noShow')} secondary />
              ) : null}
              {can('park') ? (
                <Action s={s} action="park" ticketId={current.id} label={ft('desk.park')} secondary />
              ) : null}
            </div>
            {can('finish') ? (
              <form method="post" action="/staff/desk/finish">
                <CsrfField token={s.csrf} />
                <input type="hidden" name="ticketId" value={current.id} />
                <Field name="topic" label={ft('desk.topic')} maxlength={200} />
                <button type="submit">{ft('desk.finish')}</button>
              </form>
            ) : null}
            {can('transfer') ? (
              <form method="post" action="/staff/desk/transfer">
                <CsrfField token={s.csrf} />
                <input type="hidden" name="ticketId" value={current.id} />
                <Select
                  name="queueId"
                  label={ft('desk.transferTo')}
                  options={props.queues.map((q) => ({
                    value: q.id,
                    label: `${q.prefix} — ${q.name[s.ctx.lang]}`,
                  }))}
                />
                <button type="submit" class="secondary">
                  {ft('desk.transfer')}
                </button>
              </form>
            ) : null}
          </>
        ) : (
          <p>{ft('desk.nobody')}</p>
        )}
        <div class="actions">
          <CallNext s={s} current={current} ask={!!props.done.ask} />
          {current ? null : <Action s={s} action="close" label={ft('desk.close')} secondary />}
        </div>
      </section>
      <section aria-labelledby="waiting-title" id="desk-waiting" data-events={props.eventsUrl}>
        <h2 id="waiting-title">{ft('desk.waiting')}</h2>
        {waiting.length && current ? (
          <p class="hint">{ft('desk.outOfTurnLater', { number: current.number })}</p>
        ) : null}
        {waiting.length ? (
          <DataTable
            headers={[ft('board.number'), ft('board.queue'), ft('desk.priority'), ft('desk.waited'), '']}
            rows={waiting.map((t) => [
              t.number,
              queueName(t.queueId),
              t.priority === 'none' ? '—' : priorityLabel(ft, t.priority),
              time.format(new Date(t.arrivedAt)),
              // Out of turn only with nobody at the desk, so nobody there is closed without a word.
              current ? (
                ''
              ) : (
                <Action
                  s={s}
                  action="call"
                  ticketId={t.id}
                  label={ft('desk.callThis', { number: t.number })}
                  secondary
                />
              ),
            ])}
          />
        ) : (
          <p>{ft('desk.noneWaiting')}</p>
        )}
      </section>
      {parked.length ? (
        <section aria-labelledby="parked-title">
          <h2 id="parked-title">{ft('desk.parked')}</h2>
          <ul>
            {parked.map((t) => (
              <li>
                {t.number}{' '}
                <Action s={s} action="resume" ticketId={t.id} label={ft('desk.resume')} secondary />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </StaffLayout>
  )
}
