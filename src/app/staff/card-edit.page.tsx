import type { ServiceDto } from '../../modules/catalogue/index.js'
import type { OfficeDto } from '../../modules/offices/index.js'
import {
  Checkbox,
  CsrfField,
  DataTable,
  ErrorSummary,
  Field,
  Notice,
  Select,
  TextArea,
} from '../../web/forms.js'
import { Fragment, type Html, h } from '../../web/jsx.js'
import { LIFE_EVENTS, TOPICS } from '../services/services.messages.js'
import { durationText } from '../services/services.pages.js'
import { DURATION_UNITS, rowCount } from './card-form.js'
import { cardPathInWords } from './card-words.js'
import type { CardsKey } from './cards.messages.js'
import { type StaffContext, StaffLayout } from './staff-layout.js'

const LANGS = ['uk', 'pl', 'en'] as const
const LANG_NAMES = { uk: 'Українська', pl: 'Polski', en: 'English' } as const

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
  const { st } = props.s
  const { card } = props
  const title = card ? st('cards.edit', { code: card.code }) : st('cards.new')
  return (
    <StaffLayout s={props.s} title={title}>
      <h1>{title}</h1>
      <Notice message={props.done} />
      <ErrorSummary title={st('errors.summary')} errors={props.errors} />
      {card ? <CardActions s={props.s} card={card} canWrite={props.canWrite} /> : null}
      {props.canWrite ? <CardForm {...props} /> : null}
      {card && props.history.length ? <CardHistory s={props.s} id={card.id} history={props.history} /> : null}
    </StaffLayout>
  )
}

function CardActions(props: { s: StaffContext; card: ServiceDto; canWrite: boolean }): Html {
  const { st, csrf } = props.s
  const { card } = props
  return (
    <div class="actions">
      <span>
        {st(`status.${card.status}`)} ·{' '}
        {st('cards.versions', { published: card.publishedVersion ?? '—', latest: card.latestVersion })}
      </span>
      <span>
        {st('cards.previewIn', { version: card.latestVersion })}{' '}
        {LANGS.map((l) => (
          <>
            <a href={`/staff/services/${card.id}/preview?lang=${l}`} hreflang={l} lang={l}>
              {LANG_NAMES[l]}
            </a>{' '}
          </>
        ))}
      </span>
      <a href={`/staff/services/${card.id}/eservice`}>{st('cards.eServiceForm')}</a>
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
  )
}

function CardHistory(props: { s: StaffContext; id: string; history: CardEditProps['history'] }): Html {
  const { st } = props.s
  return (
    <>
      <h2>{st('cards.history')}</h2>
      <DataTable
        headers={[st('cards.version'), st('cards.author'), st('cards.when'), st('cards.changes'), '']}
        rows={[...props.history]
          .reverse()
          .map((entry) => [
            entry.version,
            entry.author,
            entry.at.replace('T', ' ').slice(0, 19),
            entry.changes.map((c) => cardPathInWords(c, st)).join(', '),
            entry.version > 1 ? (
              <a href={`/staff/services/${props.id}/diff?from=${entry.version - 1}&to=${entry.version}`}>
                {st('cards.compare', { version: entry.version - 1 })}
              </a>
            ) : (
              ''
            ),
          ])}
      />
    </>
  )
}

function CardForm(props: CardEditProps): Html {
  const { st, ctx, csrf } = props.s
  const { card } = props
  const v = props.values
  const error = (f: string) => props.errors.find((e) => e.field === f || e.field.startsWith(`${f}-`))?.message
  const inLang = { uk: st('cards.inUk'), pl: st('cards.inPl'), en: st('cards.inEn') }
  /** One field in three languages, as inputs or text areas. */
  const Texts = (p: { name: string; label: CardsKey; area?: boolean; required?: boolean; hint?: string }) => (
    <fieldset>
      <legend>{st(p.label)}</legend>
      {p.hint ? <p class="hint">{p.hint}</p> : null}
      {LANGS.map((l) =>
        p.area ? (
          <TextArea
            name={`${p.name}-${l}`}
            label={`${st(p.label)} ${inLang[l]}`}
            value={v[`${p.name}-${l}`]}
            error={error(`${p.name}-${l}`)}
            rows={3}
          />
        ) : (
          <Field
            name={`${p.name}-${l}`}
            label={`${st(p.label)} ${inLang[l]}`}
            value={v[`${p.name}-${l}`]}
            error={error(`${p.name}-${l}`)}
            required={p.required}
          />
        ),
      )}
    </fieldset>
  )
  /** A list of documents, one per line, in three languages. */
  const Lines = (p: { name: string; field: string; label: CardsKey }) => (
    <fieldset>
      <legend>{st(p.label)}</legend>
      <p class="hint">{st('cards.documentsHint')}</p>
      {LANGS.map((l) => (
        <TextArea
          name={`${p.name}-${l}`}
          label={`${st(p.label)} ${inLang[l]}`}
          value={v[`${p.name}-${l}`]}
          error={error(p.field)}
        />
      ))}
    </fieldset>
  )
  const fees = Array.from({ length: rowCount(v, 'fees') }, (_, i) => i)
  const laws = Array.from({ length: rowCount(v, 'legalBasis') }, (_, i) => i)
  return (
    <form method="post" action={card ? `/staff/services/${card.id}` : '/staff/services'} novalidate>
      <CsrfField token={csrf} />
      {card ? <input type="hidden" name="version" value={String(card.latestVersion)} /> : null}
      <CardSummary s={props.s} values={v} />
      <h2 id="about">{st('cards.section.about')}</h2>
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
      <Texts name="name" label="cards.name" required />
      <Texts name="description" label="cards.description" area />
      <Texts name="audience" label="cards.audience" area />
      <h2 id="time">{st('cards.section.time')}</h2>
      <DurationPicker s={props.s} values={v} error={error('processingTime')} />
      <Field
        name="processingTimeSource"
        label={st('cards.timeSource')}
        hint={st('cards.timeSourceHint')}
        value={v.processingTimeSource}
        error={error('processingTimeSource')}
        maxlength={300}
      />
      {fees.map((i) => (
        <fieldset>
          <legend>{st('cards.feeRow', { n: i + 1 })}</legend>
          {i === fees.length - 1 ? <p class="hint">{st('cards.feeHint')}</p> : null}
          <Field
            name={`fees-${i}-amount`}
            label={st('cards.amount')}
            hint={st('cards.amountHint')}
            value={v[`fees-${i}-amount`]}
            error={error(`fees-${i}-amount`)}
            inputmode="decimal"
          />
          <Field
            name={`fees-${i}-currency`}
            label={st('cards.currency')}
            value={v[`fees-${i}-currency`]}
            error={error(`fees-${i}-currency`)}
            maxlength={3}
          />
          {LANGS.map((l) => (
            <Field
              name={`fees-${i}-description-${l}`}
              label={`${st('cards.feeDescription')} ${inLang[l]}`}
              value={v[`fees-${i}-description-${l}`]}
              error={error(`fees-${i}-description-${l}`)}
            />
          ))}
          {LANGS.map((l) => (
            <Field
              name={`fees-${i}-howToPay-${l}`}
              label={`${st('cards.howToPay')} ${inLang[l]}`}
              value={v[`fees-${i}-howToPay-${l}`]}
              error={error(`fees-${i}-howToPay-${l}`)}
            />
          ))}
        </fieldset>
      ))}
      <h2 id="documents">{st('cards.section.documents')}</h2>
      <Lines name="documents" field="requiredDocuments" label="cards.documents" />
      <Lines name="documentsToShow" field="documentsToShow" label="cards.documentsToShow" />
      <h2 id="law">{st('cards.section.law')}</h2>
      {laws.map((i) => (
        <fieldset>
          <legend>{st('cards.lawRow', { n: i + 1 })}</legend>
          <Field
            name={`legalBasis-${i}-title`}
            label={st('cards.lawTitle')}
            value={v[`legalBasis-${i}-title`]}
            error={error(`legalBasis-${i}-title`)}
            maxlength={500}
          />
          <Field
            name={`legalBasis-${i}-reference`}
            label={st('cards.lawReference')}
            value={v[`legalBasis-${i}-reference`]}
            error={error(`legalBasis-${i}-reference`)}
            maxlength={200}
          />
          <Field
            name={`legalBasis-${i}-article`}
            label={st('cards.lawArticle')}
            value={v[`legalBasis-${i}-article`]}
            error={error(`legalBasis-${i}-article`)}
            maxlength={100}
          />
          <Field
            name={`legalBasis-${i}-url`}
            label={st('cards.lawUrl')}
            type="url"
            value={v[`legalBasis-${i}-url`]}
            error={error(`legalBasis-${i}-url`)}
            maxlength={1000}
          />
        </fieldset>
      ))}
      <h2 id="apply">{st('cards.section.apply')}</h2>
      <fieldset>
        <legend>{st('cards.channels')}</legend>
        <Checkbox
          name="channel-in-person"
          label={st('cards.inPerson')}
          checked={v['channel-in-person'] === 'on'}
        />
        <Checkbox name="channel-post" label={st('cards.post')} checked={v['channel-post'] === 'on'} />
        <Checkbox name="channel-online" label={st('cards.online')} checked={v['channel-online'] === 'on'} />
        <Field
          name="eFormUrl"
          label={st('cards.eForm')}
          type="url"
          value={v.eFormUrl}
          error={error('eFormUrl')}
          maxlength={1000}
        />
      </fieldset>
      <fieldset>
        <legend>{st('cards.offices')}</legend>
        {props.offices.map((o) => (
          <Checkbox name={`office-${o.id}`} label={o.name[ctx.lang]} checked={v[`office-${o.id}`] === 'on'} />
        ))}
      </fieldset>
      <Field
        name="responsibleUnit"
        label={st('cards.unit')}
        value={v.responsibleUnit}
        error={error('responsibleUnit')}
        maxlength={200}
      />
      <h2 id="appeal">{st('cards.section.appeal')}</h2>
      <Texts name="appeal" label="cards.appeal" area />
      <Texts name="notes" label="cards.notes" area />
      <h2 id="finding">{st('cards.section.finding')}</h2>
      <fieldset>
        <legend>{st('cards.topics')}</legend>
        {[...Object.entries(TOPICS), ...Object.entries(LIFE_EVENTS)].map(([key, name]) => (
          <Checkbox name={`topic-${key}`} label={name[ctx.lang]} checked={v[`topic-${key}`] === 'on'} />
        ))}
      </fieldset>
      <Field
        name="keywords"
        label={st('cards.keywords')}
        hint={st('cards.keywordsHint')}
        value={v.keywords}
        error={error('keywords')}
      />
      <Field
        name="related"
        label={st('cards.related')}
        hint={st('cards.relatedHint')}
        value={v.related}
        error={error('related')}
      />
      <button type="submit">{st('cards.save')}</button>
    </form>
  )
}

const SECTIONS = [
  ['about', 'cards.section.about'],
  ['time', 'cards.section.time'],
  ['documents', 'cards.section.documents'],
  ['law', 'cards.section.law'],
  ['apply', 'cards.section.apply'],
  ['appeal', 'cards.section.appeal'],
  ['finding', 'cards.section.finding'],
] as const

/** What the card says in a few lines, and links to its sections (the form is long). */
function CardSummary(props: { s: StaffContext; values: Record<string, string> }): Html {
  const { st, ctx } = props.s
  const v = props.values
  const count = (prefix: string, test: (k: string) => boolean) =>
    Object.keys(v).filter((k) => k.startsWith(prefix) && test(k)).length
  const fees = count('fees-', (k) => k.endsWith('-amount') && Boolean(v[k]?.trim()))
  const documents = Math.max(
    ...LANGS.map((l) => (v[`documents-${l}`] ?? '').split(/\r?\n/).filter((x) => x.trim()).length),
  )
  const offices = count('office-', (k) => v[k] === 'on')
  const missing = LANGS.filter((l) => !v[`name-${l}`]?.trim() || !v[`description-${l}`]?.trim())
  const time = v.processingTimeAmount?.trim()
    ? durationText(`P${v.processingTimeAmount.trim()}${v.processingTimeUnit ?? 'D'}`, ctx.lang)
    : v.processingTime
      ? durationText(v.processingTime, ctx.lang)
      : null
  return (
    <nav class="card-summary" aria-labelledby="summary-title">
      <h2 id="summary-title">{st('cards.summary')}</h2>
      <ul>
        <li>{time ? st('cards.summaryTime', { time }) : st('cards.summaryNoTime')}</li>
        <li>{st('cards.summaryFees', { n: fees })}</li>
        <li>{st('cards.summaryDocuments', { n: documents })}</li>
        <li>{st('cards.summaryOffices', { n: offices })}</li>
        <li>
          {missing.length
            ? st('cards.summaryMissing', { langs: missing.map((l) => LANG_NAMES[l]).join(', ') })
            : st('cards.summaryComplete')}
        </li>
      </ul>
      <ol class="section-links">
        {SECTIONS.map(([id, key]) => (
          <li>
            <a href={`#${id}`}>{st(key)}</a>
          </li>
        ))}
      </ol>
    </nav>
  )
}

/** The processing time as a number and a unit (30 days, 1 month), not typed ISO 8601. */
function DurationPicker(props: {
  s: StaffContext
  values: Record<string, string>
  error: string | undefined
}): Html {
  const { st, ctx } = props.s
  const v = props.values
  return (
    <fieldset class={props.error ? 'field field-error' : 'field'} id="field-processingTime">
      <legend>{st('cards.time')}</legend>
      <p class="hint" id="processingTime-hint">
        {st('cards.timeHint2')}
      </p>
      {props.error ? <p class="error">{props.error}</p> : null}
      {v.processingTime ? (
        <p>
          <input type="hidden" name="processingTime" value={v.processingTime} />
          {st('cards.timeLegacy', { words: durationText(v.processingTime, ctx.lang) })}
        </p>
      ) : null}
      <div class="field-row">
        <Field
          name="processingTimeAmount"
          label={st('cards.timeAmount')}
          type="number"
          inputmode="numeric"
          value={v.processingTimeAmount}
          maxlength={4}
        />
        <Select
          name="processingTimeUnit"
          label={st('cards.timeUnit')}
          value={v.processingTimeUnit ?? 'D'}
          options={DURATION_UNITS.map((u) => ({ value: u, label: st(`cards.unit.${u}`) }))}
        />
      </div>
    </fieldset>
  )
}
