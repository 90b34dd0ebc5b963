import type { CaseDto, DocumentDto } from '../../modules/cases/index.js'
import { DOCUMENT_FORMS, DOCUMENT_KINDS } from '../../modules/cases/index.js'
import type { SignaturesFound } from '../../platform/http/schemas.js'
import { CsrfField, DataTable, Field, Select, TextArea } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import type { StaffContext } from '../staff/staff-layout.js'
import type { RecordsKey } from './records.messages.js'

type T = (key: RecordsKey, params?: Record<string, string | number>) => string
type Errors = { field: string; message: string }[]

/** Formats a browser shows by itself: a preview opens them in a new tab instead of saving them. */
const PREVIEWED = new Set(['application/pdf', 'image/png', 'image/jpeg', 'text/plain'])

const errorOf = (errors: Errors, field: string) => errors.find((e) => e.field === field)?.message

/** Who signed a stored file, in a cell: nothing until checked, "none", or each signer with the outcome. */
export function signedBy(t: T, signatures: SignaturesFound | null): string {
  if (signatures === null) return ''
  if (signatures.length === 0) return t('file.unsigned')
  return signatures
    .map(
      (sig) =>
        `${sig.signer ?? '?'} (${sig.format}: ${sig.indication}${sig.subIndication ? ` / ${sig.subIndication}` : ''})`,
    )
    .join('; ')
}

/** What the office's seal can be put on. */
const SEALABLE = new Set(['application/pdf', 'application/xml'])

/** The address of one version's file on the staff pages. */
export const versionUrl = (c: { id: string }, d: { id: string }, version: number, download = false) =>
  `/staff/cases/${c.id}/documents/${d.id}/versions/${version}${download ? '?download=1' : ''}`

/** The letters of a case, both registers, and a form to link another by its number. */
export function CaseLetters(p: {
  s: StaffContext
  t: T
  c: CaseDto
  letters: { id: string; number: string; direction: 'incoming' | 'outgoing'; title: string }[]
  canChange: boolean
  errors: Errors
}): Html {
  const { t } = p
  return (
    <section aria-labelledby="letters-heading">
      <h2 id="letters-heading">{t('case.letters')}</h2>
      {p.letters.length === 0 ? (
        <p>—</p>
      ) : (
        <ul>
          {p.letters.map((l) => (
            <li>
              {l.direction === 'incoming' ? (
                <a href={`/staff/registry/incoming/${l.id}`}>{l.number}</a>
              ) : (
                l.number
              )}{' '}
              ({t(`letters.${l.direction}`)}) — {l.title}
            </li>
          ))}
        </ul>
      )}
      {p.canChange ? (
        <details class="document" open={p.errors.some((e) => e.field === 'number')}>
          <summary>{t('letters.link')}</summary>
          <form method="post" action={`/staff/cases/${p.c.id}/letters`} class="inline-form">
            <CsrfField token={p.s.csrf} />
            <Select
              name="direction"
              label={t('field.register')}
              options={[
                { value: 'incoming', label: t('letters.incoming') },
                { value: 'outgoing', label: t('letters.outgoing') },
              ]}
            />
            <Field
              name="number"
              label={t('field.letterNumber')}
              hint={t('letters.linkHint')}
              required
              maxlength={40}
              error={errorOf(p.errors, 'number')}
            />
            <button type="submit" class="secondary">
              {t('letters.link')}
            </button>
          </form>
        </details>
      ) : null}
    </section>
  )
}

/** One document's metadata, versions and the form for a new version, folded under its title. */
function DocumentDetails(p: {
  s: StaffContext
  t: T
  c: CaseDto
  d: DocumentDto
  canChange: boolean
  canSeal: boolean
  maxMb: number
}) {
  const { t, c, d } = p
  const m = d.metadata
  return (
    <details class="document">
      <summary>{t('file.details', { title: `${d.number}. ${d.title}` })}</summary>
      <dl class="facts">
        <dt>{t('meta.identifier')}</dt>
        <dd>{m.identifier}</dd>
        <dt>{t('meta.creator')}</dt>
        <dd>{m.creator}</dd>
        <dt>{t('file.form')}</dt>
        <dd>
          {t(`form.${d.form}`)}
          {d.paperLocation ? ` — ${d.paperLocation}` : ''}
        </dd>
        <dt>{t('meta.access')}</dt>
        <dd>{t(`access.${m.access}`)}</dd>
        <dt>{t('meta.language')}</dt>
        <dd>{m.language}</dd>
        {m.recipient ? <dt>{t('field.recipient')}</dt> : null}
        {m.recipient ? <dd>{m.recipient}</dd> : null}
        {m.relation ? <dt>{t('meta.relation')}</dt> : null}
        {m.relation ? <dd>{m.relation}</dd> : null}
        {m.description ? <dt>{t('field.description')}</dt> : null}
        {m.description ? <dd>{m.description}</dd> : null}
      </dl>
      {d.versions.length > 0 ? (
        <DataTable
          headers={[
            t('col.version'),
            t('col.file'),
            t('col.size'),
            t('col.who'),
            t('col.when'),
            t('file.reason'),
            t('file.text'),
            t('file.signed'),
          ]}
          rows={d.versions.map((v) => [
            String(v.version),
            <a href={versionUrl(c, d, v.version, true)}>{v.name}</a>,
            `${Math.max(1, Math.round(v.size / 1024))} KB`,
            v.createdBy,
            v.createdAt.replace('T', ' ').slice(0, 16),
            v.reason ?? '',
            t(`text.${v.text}`),
            signedBy(t, v.signatures),
          ])}
        />
      ) : null}
      {p.canSeal &&
      SEALABLE.has(d.metadata.format) &&
      !d.versions.find((v) => v.version === d.currentVersion)?.signatures?.length ? (
        <form method="post" action={`/staff/cases/${c.id}/documents/${d.id}/seal`}>
          <CsrfField token={p.s.csrf} />
          <input type="hidden" name="version" value={String(d.version)} />
          <p>{t('file.sealAbout')}</p>
          {d.metadata.format === 'application/pdf' ? (
            <div class="field">
              <input id={`field-visible-${d.id}`} type="checkbox" name="visible" checked />
              <label for={`field-visible-${d.id}`}>{t('file.sealVisible')}</label>
            </div>
          ) : null}
          <button type="submit">{t('file.seal', { title: d.title })}</button>
        </form>
      ) : null}
      {p.canChange ? (
        <form
          method="post"
          enctype="multipart/form-data"
          action={`/staff/cases/${c.id}/documents/${d.id}/versions?_csrf=${encodeURIComponent(p.s.csrf)}`}
        >
          <input type="hidden" name="version" value={String(d.version)} />
          <Field idPrefix={`${d.id}-`} name="reason" label={t('file.reason')} maxlength={2000} />
          <div class="field">
            <label for={`field-file-${d.id}`}>{t('file.versionFile', { title: d.title })}</label>
            <input id={`field-file-${d.id}`} type="file" name="file" required />
          </div>
          <button type="submit" class="secondary">
            {t('file.addVersion')}
          </button>
        </form>
      ) : null}
    </details>
  )
}

/** A case's file: its documents in order with a preview of each, their details, and a form to add one. */
export function CaseFile(p: {
  s: StaffContext
  t: T
  c: CaseDto
  documents: DocumentDto[]
  canChange: boolean
  canSeal: boolean
  maxMb: number
  errors: Errors
}): Html {
  const { t, c } = p
  return (
    <section aria-labelledby="file-heading">
      <h2 id="file-heading">{t('file.heading')}</h2>
      {p.documents.length === 0 ? (
        <p>{t('file.empty')}</p>
      ) : (
        <DataTable
          headers={[
            t('col.number'),
            t('field.docTitle'),
            t('file.kind'),
            t('file.date'),
            t('file.format'),
            t('col.version'),
          ]}
          rows={p.documents.map((d) => [
            String(d.number),
            d.currentVersion > 0 && PREVIEWED.has(d.metadata.format) ? (
              <a
                href={versionUrl(c, d, d.currentVersion)}
                target="_blank"
                rel="noopener"
                aria-label={t('file.preview', { title: d.title })}
              >
                {d.title}
              </a>
            ) : (
              d.title
            ),
            t(`kind.${d.kind}`),
            d.metadata.date.created,
            d.currentVersion > 0 ? d.metadata.format : t('file.noFile'),
            d.currentVersion > 0 ? String(d.currentVersion) : '—',
          ])}
        />
      )}
      {p.documents.map((d) => (
        <DocumentDetails
          s={p.s}
          t={t}
          c={c}
          d={d}
          canChange={p.canChange}
          canSeal={p.canSeal}
          maxMb={p.maxMb}
        />
      ))}
      {p.canChange ? (
        <details class="document" open={p.errors.some((e) => e.field !== 'number')}>
          <summary>{t('file.add')}</summary>
          <form
            method="post"
            enctype="multipart/form-data"
            action={`/staff/cases/${c.id}/documents?_csrf=${encodeURIComponent(p.s.csrf)}`}
          >
            <Field
              name="title"
              label={t('field.docTitle')}
              required
              maxlength={500}
              error={errorOf(p.errors, 'title')}
            />
            <Select
              name="kind"
              label={t('field.kind')}
              options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              value="letter"
              error={errorOf(p.errors, 'kind')}
            />
            <Select
              name="form"
              label={t('field.form')}
              options={DOCUMENT_FORMS.map((f) => ({ value: f, label: t(`form.${f}`) }))}
              error={errorOf(p.errors, 'form')}
            />
            <Field
              name="documentDate"
              type="date"
              label={t('field.documentDate')}
              error={errorOf(p.errors, 'documentDate')}
            />
            <Field
              name="creator"
              label={t('field.creator')}
              maxlength={300}
              error={errorOf(p.errors, 'creator')}
            />
            <Field
              name="recipient"
              label={t('field.recipient')}
              maxlength={300}
              error={errorOf(p.errors, 'recipient')}
            />
            <TextArea
              name="description"
              label={t('field.description')}
              rows={2}
              error={errorOf(p.errors, 'description')}
            />
            <Field
              name="paperLocation"
              label={t('field.paperLocation')}
              maxlength={300}
              error={errorOf(p.errors, 'paperLocation')}
            />
            <div class={errorOf(p.errors, 'file') ? 'field field-error' : 'field'}>
              <label for="field-file">{t('field.docFile')}</label>
              <p class="hint" id="field-file-hint">
                {t('file.fileHint', { mb: p.maxMb })}
              </p>
              {errorOf(p.errors, 'file') ? (
                <p class="error" id="field-file-error">
                  {errorOf(p.errors, 'file')}
                </p>
              ) : null}
              <input
                id="field-file"
                type="file"
                name="file"
                aria-describedby={
                  errorOf(p.errors, 'file') ? 'field-file-hint field-file-error' : 'field-file-hint'
                }
              />
            </div>
            <button type="submit">{t('file.add')}</button>
          </form>
        </details>
      ) : null}
    </section>
  )
}
