import type { DeskDto, OfficeDto, UnitDto } from '../../modules/offices/index.js'
import type { DeskDto as QueueDeskDto, QueueDto } from '../../modules/queue/index.js'
import { CsrfField, DataTable, ErrorSummary, Field, Notice } from '../../web/forms.js'
import { type Html, h, raw } from '../../web/jsx.js'
import { OpeningHoursTable } from '../opening-hours-table.js'
import { CreateOfficeForm, EditOfficeForm, officeFormValues } from './office-forms.js'
import { type StaffContext, StaffLayout } from './staff-layout.js'

export interface OfficeRow {
  office: OfficeDto
  units: number
  desks: number
  staff: number
}

/** The coordinator's view of the network: every office the user may see, with its size. */
export function NetworkPage(props: {
  s: StaffContext
  rows: OfficeRow[]
  canCreate: boolean
  done: string | null
  errors: { field: string; message: string }[]
  values: Record<string, string>
}): Html {
  const { st, ctx } = props.s
  return (
    <StaffLayout s={props.s} title={st('network.title')}>
      <h1>{st('network.title')}</h1>
      <Notice message={props.done} />
      <ErrorSummary title={st('errors.summary')} errors={props.errors} />
      <DataTable
        headers={(
          [
            'network.code',
            'network.name',
            'network.city',
            'network.status',
            'network.units',
            'network.desks',
            'network.staff',
          ] as const
        ).map((k) => st(k))}
        rows={props.rows.map((r) => [
          r.office.code,
          <a href={`/staff/offices/${r.office.id}`}>{r.office.name[ctx.lang]}</a>,
          r.office.address.city,
          st(`status.${r.office.status}`),
          r.units,
          r.desks,
          r.staff,
        ])}
      />
      {props.canCreate ? <CreateOfficeForm s={props.s} values={props.values} errors={props.errors} /> : null}
    </StaffLayout>
  )
}

export interface OfficePageProps {
  s: StaffContext
  office: OfficeDto
  units: UnitDto[]
  desks: DeskDto[]
  /** The office's queues and, per desk, the queues it serves with their weights (null: not shown to this actor). */
  queueSetup: { queues: QueueDto[]; desks: QueueDeskDto[]; canManage: boolean } | null
  canManage: boolean
  canEdit: boolean
  done: string | null
  /** Which of the page's forms the errors belong to. */
  errorForm?: 'unit' | 'desk' | 'office' | `desk-queues-${string}`
  errors: { field: string; message: string }[]
  values: Record<string, string>
  /** What the edit form was sent with, when it comes back with errors. */
  editValues?: Record<string, string>
}

/** One office: its units and desks, with forms to add them for those who manage it. */
export function OfficePage(props: OfficePageProps): Html {
  const { st, ctx, csrf } = props.s
  const { office } = props
  // The page has three forms; errors belong to the one that was sent, and its fields' ids carry its name.
  const errorsOf = (form: 'unit' | 'desk' | 'office') => (props.errorForm === form ? props.errors : [])
  const error = (form: 'unit' | 'desk', field: string) =>
    errorsOf(form).find((e) => e.field === field)?.message
  const prefix = props.errorForm === 'unit' || props.errorForm === 'desk' ? `${props.errorForm}-` : ''
  return (
    <StaffLayout s={props.s} title={office.name[ctx.lang]}>
      <h1>{office.name[ctx.lang]}</h1>
      <Notice message={props.done} />
      <ErrorSummary title={st('errors.summary')} errors={props.errors} prefix={prefix} />
      <p>
        {office.code} · {office.address.street}, {office.address.postcode} {office.address.city} ·{' '}
        {office.timezone} · {st(`status.${office.status}`)}
      </p>
      <h2>{st('office.hours')}</h2>
      <OpeningHoursTable hours={office.openingHours} lang={ctx.lang} closed="—" />

      <h2 id="units">{st('office.units')}</h2>
      {props.units.length === 0 ? (
        <p>{st('office.none')}</p>
      ) : (
        <ul>
          {props.units.map((u) => (
            <li>
              <strong>{u.code}</strong> — {u.name[ctx.lang]}
            </li>
          ))}
        </ul>
      )}
      {props.canManage ? (
        <form method="post" action={`/staff/offices/${office.id}/units`} novalidate>
          <h3>{st('office.addUnit')}</h3>
          <CsrfField token={csrf} />
          <Field
            name="code"
            label={st('office.unitCode')}
            hint={st('office.unitCodeHint')}
            value={props.values.code}
            error={error('unit', 'code')}
            idPrefix="unit-"
            required
            maxlength={12}
          />
          <Field
            name="name-uk"
            label={st('office.unitNameUk')}
            value={props.values['name-uk']}
            error={error('unit', 'name-uk')}
            idPrefix="unit-"
            required
          />
          <Field
            name="name-pl"
            label={st('office.unitNamePl')}
            value={props.values['name-pl']}
            error={error('unit', 'name-pl')}
            idPrefix="unit-"
            required
          />
          <Field
            name="name-en"
            label={st('office.unitNameEn')}
            value={props.values['name-en']}
            error={error('unit', 'name-en')}
            idPrefix="unit-"
            required
          />
          <button type="submit">{st('office.save')}</button>
        </form>
      ) : null}

      {props.canEdit ? (
        <EditOfficeForm
          s={props.s}
          officeId={office.id}
          values={{ ...officeFormValues(office), ...props.editValues }}
          errors={errorsOf('office')}
        />
      ) : null}

      <h2 id="desks">{st('office.desks')}</h2>
      {props.desks.length === 0 ? (
        <p>{st('office.none')}</p>
      ) : (
        <ul>
          {props.desks.map((d) => (
            <li>
              {d.name}
              <DeskQueues s={props.s} officeId={office.id} deskId={d.id} deskName={d.name} page={props} />
            </li>
          ))}
        </ul>
      )}
      {props.canManage ? (
        <form method="post" action={`/staff/offices/${office.id}/desks`} novalidate>
          <h3>{st('office.addDesk')}</h3>
          <CsrfField token={csrf} />
          <Field
            name="name"
            label={st('office.deskName')}
            value={props.values.name}
            error={error('desk', 'name')}
            idPrefix="desk-"
            required
            maxlength={100}
          />
          <button type="submit">{st('office.save')}</button>
        </form>
      ) : null}
    </StaffLayout>
  )
}

/** What a desk serves; for managers, a form to choose its queues and their weights. */
function DeskQueues(props: {
  s: StaffContext
  officeId: string
  deskId: string
  deskName: string
  page: OfficePageProps
}): Html {
  const { st, csrf } = props.s
  const setup = props.page.queueSetup
  const desk = setup?.desks.find((d) => d.id === props.deskId)
  if (!setup || !desk) return raw('')
  const served = setup.queues.filter((q) => desk.queueIds.includes(q.id))
  const summary = served.length
    ? st('office.serves', { queues: served.map((q) => `${q.prefix} ×${desk.weights[q.id] ?? 1}`).join(', ') })
    : st('office.servesNothing')
  if (!setup.canManage || setup.queues.length === 0) return <span> — {summary}</span>
  const mine = props.page.errorForm === `desk-queues-${desk.id}`
  const sent = mine ? props.page.values : null
  const errorOf = (field: string) =>
    mine ? props.page.errors.find((e) => e.field === field)?.message : undefined
  return (
    <form method="post" action={`/staff/offices/${props.officeId}/desks/${desk.id}/queues`} novalidate>
      <CsrfField token={csrf} />
      <fieldset>
        <legend>{st('office.deskQueues', { desk: props.deskName })}</legend>
        <p class="hint">{st('office.deskQueuesHint')}</p>
        {setup.queues.map((q) => {
          const id = `dq-${desk.id}-${q.id}`
          const checked = sent ? sent[`queue-${q.id}`] === 'on' : desk.queueIds.includes(q.id)
          const weight = sent ? (sent[`weights-${q.id}`] ?? '') : String(desk.weights[q.id] ?? 1)
          const error = errorOf(`weights-${q.id}`)
          return (
            <div class={error ? 'field field-error' : 'field'}>
              <input type="checkbox" id={id} name={`queue-${q.id}`} checked={checked} />
              <label for={id}>
                {q.prefix} — {q.name[props.s.ctx.lang]}
              </label>
              {error ? (
                <p class="error" id={`${id}-w-error`}>
                  {error}
                </p>
              ) : null}
              <label for={`${id}-w`}>{st('office.weightOf', { prefix: q.prefix })}</label>
              <input
                id={`${id}-w`}
                name={`weights-${q.id}`}
                type="number"
                inputmode="numeric"
                min="1"
                max="10"
                value={weight}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? `${id}-w-error` : undefined}
              />
            </div>
          )
        })}
      </fieldset>
      <button type="submit">{st('office.saveQueues')}</button>
    </form>
  )
}
