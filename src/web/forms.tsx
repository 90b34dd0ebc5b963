import type { FieldError } from '../platform/errors.js'
import { type Children, type Html, h, raw } from './jsx.js'

/** The hidden CSRF field every staff form carries. */
export function CsrfField(props: { token: string }): Html {
  return <input type="hidden" name="_csrf" value={props.token} />
}

/** Errors listed at the top of a form, each linking to its field (read first by screen readers). */
export function ErrorSummary(props: {
  title: string
  errors: readonly { field: string; message: string }[]
  /** The id prefix of the form's fields, when a page has several forms. */
  prefix?: string
}): Html {
  if (props.errors.length === 0) return raw('')
  return (
    <div class="error-summary" role="alert" tabindex="-1">
      <h2>{props.title}</h2>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#field-${props.prefix ?? ''}${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}

export interface FieldProps {
  name: string
  /** Makes the id unique when a page has several forms with the same field names. */
  idPrefix?: string
  label: string
  value?: string | undefined
  type?: string
  hint?: string
  error?: string | undefined
  required?: boolean
  autocomplete?: string
  inputmode?: string
  maxlength?: number
  /** The id of a `<datalist>` of suggestions (earlier senders). */
  list?: string
}

/** The label, hint and error around a control, tied to it by ids for assistive technology. */
function FieldFrame(props: {
  id: string
  label: string
  hint?: string | undefined
  error?: string | undefined
  children?: Children
}): Html {
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </div>
  )
}

/** What a control's aria-describedby names: its hint and its error, when present. */
function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

/** A labelled input with its hint and error tied to it for assistive technology. */
export function Field(props: FieldProps): Html {
  const id = `field-${props.idPrefix ?? ''}${props.name}`
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        list={props.list}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </FieldFrame>
  )
}

/** A select with a label. */
export function Select(props: {
  name: string
  label: string
  options: { value: string; label: string }[]
  value?: string
  error?: string | undefined
}): Html {
  const id = `field-${props.name}`
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.error ? (
        <p class="error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      <select id={id} name={props.name} aria-describedby={props.error ? `${id}-error` : undefined}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** A success message after a change (status, announced politely). */
export function Notice(props: { message: string | null }): Html {
  return props.message ? (
    <p class="notice" role="status">
      {props.message}
    </p>
  ) : (
    raw('')
  )
}

/**
 * Maps API-style field errors (`body.name.uk`) to form fields (`name-uk`), with each message in the
 * page's language where `localise` knows the rule.
 */
export function formErrors(
  errors: readonly FieldError[] | undefined,
  localise: (error: FieldError) => string | null = () => null,
): { field: string; message: string }[] {
  return (errors ?? []).map((e) => ({
    field: e.path
      .replace(/^body\./, '')
      .replace(/[.[\]]+/g, '-')
      .replace(/-$/, ''),
    message: localise(e) ?? e.message,
  }))
}

/** A data table with column headers, scrolling sideways on narrow screens instead of the page. */
export function DataTable(props: {
  headers: readonly string[]
  rows: readonly (readonly unknown[])[]
}): Html {
  return (
    <div class="table-scroll">
      <table class="data">
        <thead>
          <tr>
            {props.headers.map((header) => (
              <th scope="col">{header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((cells) => (
            <tr>
              {cells.map((cell) => (
                <td>{cell as Html | string | number | null}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** A labelled multi-line text field. */
export function TextArea(props: {
  name: string
  label: string
  value?: string | undefined
  hint?: string
  error?: string | undefined
  rows?: number
}): Html {
  const id = `field-${props.name}`
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        aria-describedby={describedBy(id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  )
}

/** A labelled checkbox. */
export function Checkbox(props: { name: string; label: string; checked: boolean }): Html {
  const id = `field-${props.name}`
  return (
    <div class="checkbox">
      <input type="checkbox" id={id} name={props.name} value="on" checked={props.checked} />
      <label for={id}>{props.label}</label>
    </div>
  )
}
