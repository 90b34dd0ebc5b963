import type { SignaturesFound } from '../../platform/http/schemas.js'
import { CsrfField, DataTable, ErrorSummary, Field, Notice, Select, TextArea } from '../../web/forms.js'
import { type Html, h } from '../../web/jsx.js'
import { type StaffContext, StaffLayout } from '../staff/staff-layout.js'
import { signedBy } from './case-file.js'
import { OfficeSwitcher } from './office-switcher.js'
import type { RecordsKey } from './records.messages.js'

type T = (key: RecordsKey, params?: Record<string, string | number>) => string

/** An incoming entry as the desk shows it. */
export interface DeskEntry {
  id: string
  number: string
  receivedAt: string
  status: string
  title: string
  sender: { kind: string; name: string | null }
  unitId: string | null
  voidReason: string | null
}

export interface DeskProps {
  s: StaffContext
  t: T
  office: { id: string; name: string }
  offices: { id: string; name: string }[]
  units: { id: string; code: string; name: string }[]
  day: string
  entries: DeskEntry[]
  senders: string[]
  now: { date: string; time: string }
  done: string | null
  errors: { field: string; message: string }[]
  values: Record<string, string | undefined>
}

const CHANNELS = ['paper', 'epuap', 'email', 'eservice', 'in-person', 'courier', 'fax'] as const

/** The chancellery desk: register a letter from the keyboard, the day's register, print it. */
export function RegistryDeskPage(p: DeskProps): Html {
  const { t } = p
  const v = (name: string, fallback = '') => p.values[name] ?? fallback
  const error = (field: string) => p.errors.find((e) => e.field === field)?.message
  const unitCode = (id: string | null) => p.units.find((u) => u.id === id)?.code ?? ''
  const base = `/staff/registry?office=${p.office.id}`
  return (
    <StaffLayout s={p.s} title={t('desk.title', { office: p.office.name })}>
      <h1>{t('desk.title', { office: p.office.name })}</h1>
      <Notice message={p.done} />
      <OfficeSwitcher
        action="/staff/registry"
        office={p.office}
        offices={p.offices}
        label={t('desk.office')}
        show={t('desk.show')}
      />
      <section aria-labelledby="register-heading">
        <h2 id="register-heading">{t('desk.register')}</h2>
        <p>{t('desk.intro')}</p>
        <ErrorSummary title={p.s.st('errors.summary')} errors={p.errors} />
        <form method="post" action={`/staff/registry/${p.office.id}/incoming`} novalidate>
          <CsrfField token={p.s.csrf} />
          <div class="field-row">
            <Field
              name="receivedOn"
              type="date"
              label={t('field.receivedOn')}
              value={v('receivedOn', p.now.date)}
              required
              error={error('receivedAt')}
            />
            <Field
              name="receivedTime"
              type="time"
              label={t('field.receivedTime')}
              value={v('receivedTime', p.now.time)}
              required
            />
            <Select
              name="channel"
              label={t('field.channel')}
              options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
              value={v('channel', 'paper')}
              error={error('channel')}
            />
          </div>
          <div class="field-row">
            <Select
              name="sender-kind"
              label={t('field.senderKind')}
              options={(['person', 'organisation', 'unknown'] as const).map((k) => ({
                value: k,
                label: t(`kind.${k}`),
              }))}
              value={v('sender-kind', 'person')}
            />
            <Field
              name="sender-name"
              label={t('field.senderName')}
              hint={t('field.senderNameHint')}
              value={v('sender-name')}
              list="senders"
              maxlength={300}
              error={error('sender-name')}
              autocomplete="off"
            />
          </div>
          <datalist id="senders">
            {p.senders.map((name) => (
              <option value={name} />
            ))}
          </datalist>
          <div class="field-row">
            <Field
              name="sender-address-street"
              label={t('field.street')}
              value={v('sender-address-street')}
              maxlength={200}
              error={error('sender-address-street')}
            />
            <Field
              name="sender-address-postcode"
              label={t('field.postcode')}
              value={v('sender-address-postcode')}
              maxlength={20}
              error={error('sender-address-postcode')}
            />
            <Field
              name="sender-address-city"
              label={t('field.city')}
              value={v('sender-address-city')}
              maxlength={100}
              error={error('sender-address-city')}
            />
          </div>
          <Field
            name="title"
            label={t('field.title')}
            value={v('title')}
            required
            maxlength={500}
            error={error('title')}
          />
          <div class="field-row">
            <Field
              name="letterDate"
              type="date"
              label={t('field.letterDate')}
              value={v('letterDate')}
              error={error('letterDate')}
            />
            <Field
              name="senderReference"
              label={t('field.reference')}
              value={v('senderReference')}
              maxlength={100}
              error={error('senderReference')}
            />
            <Field
              name="attachments"
              type="number"
              inputmode="numeric"
              label={t('field.attachments')}
              value={v('attachments', '0')}
              error={error('attachments')}
            />
          </div>
          <Select
            name="unitId"
            label={t('field.unit')}
            options={[
              { value: '', label: t('field.noUnit') },
              ...p.units.map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` })),
            ]}
            value={v('unitId')}
            error={error('assignee-unitId')}
          />
          <button type="submit">{t('action.register')}</button>
        </form>
      </section>
      <section aria-labelledby="day-heading">
        <h2 id="day-heading">{t('day.title', { date: p.day })}</h2>
        <form method="get" action="/staff/registry" class="inline-form">
          <input type="hidden" name="office" value={p.office.id} />
          <Field name="on" type="date" label={t('day.pick')} value={p.day} />
          <button type="submit" class="secondary">
            {t('desk.show')}
          </button>
        </form>
        <p>
          <a href={`/staff/registry/${p.office.id}/register?period=${p.day}&format=pdf`}>{t('day.pdf')}</a>
          {' · '}
          <a href={`/staff/registry/${p.office.id}/register?period=${p.day}&format=csv`}>{t('day.csv')}</a>
        </p>
        {p.entries.length === 0 ? (
          <p>{t('day.none')}</p>
        ) : (
          <DataTable
            headers={[
              t('col.number'),
              t('col.received'),
              t('col.sender'),
              t('col.subject'),
              t('col.unit'),
              t('col.status'),
            ]}
            rows={p.entries.map((e) => [
              <a
                href={`/staff/registry/incoming/${e.id}`}
                aria-label={t('action.open', { number: e.number })}
              >
                {e.number}
              </a>,
              e.receivedAt.slice(11, 16),
              e.sender.name ?? t('missing'),
              e.title,
              unitCode(e.unitId),
              e.voidReason !== null
                ? t('entry.voided', { reason: e.voidReason })
                : t(`status.${e.status}` as RecordsKey),
            ])}
          />
        )}
      </section>
      <p>
        <a href={base}>{t('desk.show')}</a>
      </p>
    </StaffLayout>
  )
}

/** One incoming letter: what was registered, its files (add one), its versions, void it. */
export function IncomingEntryPage(p: {
  s: StaffContext
  t: T
  entry: DeskEntry & {
    channel: string
    letterDate: string | null
    senderReference: string | null
    attachments: number
    version: number
    files: { id: string; name: string; type: string; size: number; signatures: SignaturesFound | null }[]
  }
  versions: { version: number; action: string; changedAt: string; changedBy: string }[]
  canChange: boolean
  maxMb: number
  done: string | null
  errors: { field: string; message: string }[]
}): Html {
  const { t, entry } = p
  const voided = entry.voidReason !== null
  return (
    <StaffLayout s={p.s} title={t('entry.title', { number: entry.number })}>
      <p>
        <a href="/staff/registry">{t('entry.back')}</a>
      </p>
      <h1>{t('entry.title', { number: entry.number })}</h1>
      <Notice message={p.done} />
      <ErrorSummary title={p.s.st('errors.summary')} errors={p.errors} />
      {voided ? <p class="notice">{t('entry.voided', { reason: entry.voidReason ?? '' })}</p> : null}
      <dl class="facts">
        <dt>{t('col.received')}</dt>
        <dd>{entry.receivedAt.replace('T', ' ').slice(0, 16)} UTC</dd>
        <dt>{t('field.channel')}</dt>
        <dd>{t(`channel.${entry.channel}` as RecordsKey)}</dd>
        <dt>{t('col.sender')}</dt>
        <dd>{entry.sender.name ?? t('missing')}</dd>
        <dt>{t('field.title')}</dt>
        <dd>{entry.title}</dd>
        <dt>{t('field.letterDate')}</dt>
        <dd>{entry.letterDate ?? t('missing')}</dd>
        <dt>{t('field.reference')}</dt>
        <dd>{entry.senderReference ?? t('missing')}</dd>
        <dt>{t('field.attachments')}</dt>
        <dd>{String(entry.attachments)}</dd>
        <dt>{t('col.status')}</dt>
        <dd>{t(`status.${entry.status}` as RecordsKey)}</dd>
      </dl>
      <p>
        <a href={`/staff/registry/incoming/${entry.id}/stamp`}>{t('action.stamp')}</a>
      </p>
      <section aria-labelledby="files-heading">
        <h2 id="files-heading">{t('entry.files')}</h2>
        {entry.files.length === 0 ? (
          <p>{t('entry.noFiles')}</p>
        ) : (
          <DataTable
            headers={[t('col.file'), t('col.size'), t('file.signed')]}
            rows={entry.files.map((f) => [
              <a href={`/staff/registry/incoming/${entry.id}/files/${f.id}`}>{f.name}</a>,
              `${Math.max(1, Math.round(f.size / 1024))} KB`,
              signedBy(t, f.signatures),
            ])}
          />
        )}
        {p.canChange && !voided ? (
          <form
            method="post"
            enctype="multipart/form-data"
            action={`/staff/registry/incoming/${entry.id}/files?_csrf=${encodeURIComponent(p.s.csrf)}`}
          >
            <div class="field">
              <label for="field-file">{t('field.file')}</label>
              <p class="hint" id="field-file-hint">
                {t('entry.uploadHint', { mb: p.maxMb })}
              </p>
              <input id="field-file" type="file" name="file" required aria-describedby="field-file-hint" />
            </div>
            <button type="submit">{t('action.upload')}</button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('entry.versions')}</h2>
        <DataTable
          headers={[t('col.version'), t('col.action'), t('col.who'), t('col.when')]}
          rows={p.versions.map((v) => [
            String(v.version),
            v.action,
            v.changedBy,
            v.changedAt.replace('T', ' ').slice(0, 19),
          ])}
        />
      </section>
      {p.canChange && !voided ? (
        <section aria-labelledby="void-heading">
          <h2 id="void-heading">{t('action.void')}</h2>
          <form method="post" action={`/staff/registry/incoming/${entry.id}/void`}>
            <CsrfField token={p.s.csrf} />
            <TextArea
              name="reason"
              label={t('field.reason')}
              value=""
              error={p.errors.find((e) => e.field === 'reason')?.message}
            />
            <button type="submit" class="secondary">
              {t('action.void')}
            </button>
          </form>
        </section>
      ) : null}
    </StaffLayout>
  )
}

/** The registration stamp: a small label with the office, the day and the number, to print. */
export function StampPage(p: { s: StaffContext; t: T; office: string; number: string; date: string }): Html {
  return (
    <StaffLayout s={p.s} title={`${p.t('stamp.received')} ${p.number}`}>
      <p class="noprint">{p.t('stamp.hint')}</p>
      <div class="stamp" role="img" aria-label={`${p.t('stamp.received')} ${p.date} ${p.number}`}>
        <p class="stamp-office">{p.office}</p>
        <p class="stamp-word">{p.t('stamp.received')}</p>
        <p class="stamp-date">{p.date}</p>
        <p class="stamp-number">{p.number}</p>
      </div>
    </StaffLayout>
  )
}
