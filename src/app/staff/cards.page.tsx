import type { ServiceDto } from '../../modules/catalogue/index.js'
import type { OfficeDto } from '../../modules/offices/index.js'
import { Checkbox, CsrfField, DataTable, ErrorSummary, Field, Notice, TextArea } from '../../web/forms.js'
import { Fragment, type Html, h } from '../../web/jsx.js'
import { LIFE_EVENTS, TOPICS } from '../services/services.messages.js'
import { type StaffContext, StaffLayout } from './staff-layout.js'

export interface CardRow {
  id: string
  code: string
  name: string
  status: 'draft' | 'published' | 'withdrawn'
}

/** All cards for staff, any status; editors start new ones from here. */
export function CardsPage(props: {
  s: StaffContext
  cards: CardRow[]
  canWrite: boolean
  nextHref: string | null
}): Html {
  const { st } = props.s
  return (
    <StaffLayout s={props.s} title={st('cards.title')}>
      <h1>{st('cards.title')}</h1>
      {props.canWrite ? (
        <p>
          <a class="button" href="/staff/services/new">
            {st('cards.new')}
          </a>
        </p>
      ) : null}
      <DataTable
        headers={[st('cards.code'), st('cards.name'), st('cards.status')]}
        rows={props.cards.map((c) => [
          c.code,
          <a href={`/staff/services/${c.id}`}>{c.name}</a>,
          st(`status.${c.status}`),
        ])}
      />
      {props.nextHref ? (
        <p>
          <a href={props.nextHref}>→</a>
        </p>
      ) : null}
    </StaffLayout>
  )
}

export interface CardEditProps {
  s: StaffContext
  card: ServiceDto | null
  offices: OfficeDto[]
  values: Record<string, string>
  errors: { field: string; message: string }[]
  done: string | null
  history: { version: number; author: string; at: string; changes: string[] }[]
  canWrite: boolean
}

/** The card editor: every field in three languages, save as a new draft, publish, withdraw, preview, history. */
export function CardEditPage(props: CardEditProps): Html {
  const { st, ctx, csrf } = props.s
  const { card } = props
  const v = props.values
  const error = (f: string) => props.errors.find((e) => e.field === f || e.field.startsWith(`${f}-`))?.message
  const title = card ? st('cards.edit', { code: card.code }) : st('cards.new')
  const inLang = { uk: st('cards.inUk'), pl: st('cards.inPl'), en: st('cards.inEn') }
  const langs = ['uk', 'pl', 'en'] as const
  return (
    <StaffLayout s={props.s} title={title}>
      <h1>{title}</h1>
      <Notice message={props.done} />
      <ErrorSummary title={st('errors.summary')} errors={props.errors} />
      {card ? (
        <div class="actions">
          <span>
            {st(`status.${card.status}`)} ·{' '}
            {st('cards.versions', { published: card.publishedVersion ?? '—', latest: card.latestVersion })}
          </span>
          <a href={`/staff/services/${card.id}/preview?lang=${ctx.lang}`}>
            {st('cards.preview', { version: card.latestVersion })}
          </a>
          {props.canWrite && card.publishedVersion !== card.latestVersion ? (
            <form method="post" action={`/staff/services/${card.id}/publish`}>
              <CsrfField token={csrf} />
              <button type="submit">{st('cards.publish', { version: card.latestVersion })}</button>
            </form>
          ) : null}
          {props.canWrite && card.status === 'published' ? (
            <form method="post" action={`/staff/services/${card.id}/withdraw`}>
              <CsrfField token={csrf} />
              <button type="submit" class="secondary">
                {st('cards.withdraw')}
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
      {props.canWrite ? (
        <form method="post" action={card ? `/staff/services/${card.id}` : '/staff/services'} novalidate>
          <CsrfField token={csrf} />
          {card ? <input type="hidden" name="version" value={String(card.latestVersion)} /> : null}
          {card ? (
            <input type="hidden" name="code" value={card.code} />
          ) : (
            <Field
              name="code"
              label={st('cards.code')}
              hint={st('cards.codeHint')}
              value={v.code}
              error={error('code')}
              required
              maxlength={64}
            />
          )}
          <fieldset>
            <legend>{st('cards.name')}</legend>
            {langs.map((l) => (
              <Field
                name={`name-${l}`}
                label={`${st('cards.name')} ${inLang[l]}`}
                value={v[`name-${l}`]}
                error={error(`name-${l}`)}
                required
              />
            ))}
          </fieldset>
          <fieldset>
            <legend>{st('cards.description')}</legend>
            {langs.map((l) => (
              <TextArea
                name={`description-${l}`}
                label={`${st('cards.description')} ${inLang[l]}`}
                value={v[`description-${l}`]}
                error={error(`description-${l}`)}
                rows={3}
              />
            ))}
          </fieldset>
          <Field
            name="processingTime"
            label={st('cards.time')}
            hint={st('cards.timeHint')}
            value={v.processingTime}
            error={error('processingTime')}
            maxlength={20}
          />
          <fieldset>
            <legend>{st('cards.fee')}</legend>
            <Field
              name="fees-0-amount"
              label={st('cards.amount')}
              hint={st('cards.amountHint')}
              value={v['fees-0-amount']}
              error={error('fees-0-amount')}
              inputmode="decimal"
            />
            <Field
              name="fees-0-currency"
              label={st('cards.currency')}
              value={v['fees-0-currency']}
              error={error('fees-0-currency')}
              maxlength={3}
            />
            {langs.map((l) => (
              <Field
                name={`fees-0-description-${l}`}
                label={`${st('cards.feeDescription')} ${inLang[l]}`}
                value={v[`fees-0-description-${l}`]}
                error={error(`fees-0-description-${l}`)}
              />
            ))}
          </fieldset>
          <fieldset>
            <legend>{st('cards.documents')}</legend>
            <p class="hint">{st('cards.documentsHint')}</p>
            {langs.map((l) => (
              <TextArea
                name={`documents-${l}`}
                label={`${st('cards.documents')} ${inLang[l]}`}
                value={v[`documents-${l}`]}
                error={error('requiredDocuments')}
              />
            ))}
          </fieldset>
          <fieldset>
            <legend>{st('cards.law')}</legend>
            <Field
              name="legalBasis-0-title"
              label={st('cards.lawTitle')}
              value={v['legalBasis-0-title']}
              error={error('legalBasis-0-title')}
              maxlength={500}
            />
            <Field
              name="legalBasis-0-reference"
              label={st('cards.lawReference')}
              value={v['legalBasis-0-reference']}
              maxlength={200}
            />
            <Field
              name="legalBasis-0-article"
              label={st('cards.lawArticle')}
              value={v['legalBasis-0-article']}
              maxlength={100}
            />
          </fieldset>
          <fieldset>
            <legend>{st('cards.topics')}</legend>
            {[...Object.entries(TOPICS), ...Object.entries(LIFE_EVENTS)].map(([key, name]) => (
              <Checkbox name={`topic-${key}`} label={name[ctx.lang]} checked={v[`topic-${key}`] === 'on'} />
            ))}
          </fieldset>
          <fieldset>
            <legend>{st('cards.offices')}</legend>
            {props.offices.map((o) => (
              <Checkbox
                name={`office-${o.id}`}
                label={o.name[ctx.lang]}
                checked={v[`office-${o.id}`] === 'on'}
              />
            ))}
          </fieldset>
          <Field
            name="eFormUrl"
            label={st('cards.eForm')}
            type="url"
            value={v.eFormUrl}
            error={error('eFormUrl')}
            maxlength={1000}
          />
          <button type="submit">{st('cards.save')}</button>
        </form>
      ) : null}
      {props.history.length ? (
        <>
          <h2>{st('cards.history')}</h2>
          <DataTable
            headers={[st('cards.version'), st('cards.author'), st('cards.when'), st('cards.changes')]}
            rows={props.history.map((h) => [
              h.version,
              h.author,
              h.at.replace('T', ' ').slice(0, 19),
              h.changes.join(', '),
            ])}
          />
        </>
      ) : null}
    </StaffLayout>
  )
}
