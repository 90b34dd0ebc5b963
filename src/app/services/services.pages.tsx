import { foldForSearch, type ServiceDto } from '../../modules/catalogue/index.js'
import type { OfficeDto } from '../../modules/offices/index.js'
import type { Lang, MultilingualText } from '../../platform/i18n/index.js'
import { Icon } from '../../web/icons.js'
import { type Children, Fragment, type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import { OpeningHoursTable } from '../opening-hours-table.js'
import { LIFE_EVENTS, servicesTexts, TOPICS } from './services.messages.js'

export interface ServiceListItem {
  code: string
  name: string
  description: string
}

/** Wraps in <mark> each word whose folded form contains a search term. */
export function highlight(text: string, terms: readonly string[]): Html | string {
  if (terms.length === 0) return text
  const parts = text.split(/(\s+)/)
  return (
    <>
      {parts.map((part) => {
        const folded = foldForSearch(part)
        return folded && terms.some((t) => folded.includes(t)) ? <mark>{part}</mark> : part
      })}
    </>
  )
}

/** `P30D` → `30 days` (`30 днів`, `30 dni`); combined parts joined with a space. */
export function durationText(iso: string, lang: Lang): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(iso)
  if (!m) return iso
  const units = ['year', 'month', 'week', 'day'] as const
  return units
    .map((unit, i) =>
      m[i + 1]
        ? new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(Number(m[i + 1]))
        : null,
    )
    .filter(Boolean)
    .join(' ')
}

export function moneyText(minor: number, currency: string, lang: Lang): string {
  return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(minor / 100)
}

/** The public catalogue: search, topics, life situations, results with the matched words marked. */
export function ServicesPage(props: {
  ctx: PageContext
  q: string
  terms: readonly string[]
  category: string | undefined
  items: ServiceListItem[]
  nextHref: string | null
}): Html {
  const { ctx } = props
  const st = servicesTexts(ctx.lang)
  const filtered = props.q !== '' || props.category !== undefined
  return (
    <Layout ctx={ctx} title={st('list.title')}>
      <h1>{st('list.title')}</h1>
      <p class="lead">{st('list.intro')}</p>
      <search>
        <form method="get" action="/services" class="search-form">
          <label for="q">{st('list.search')}</label>
          <div class="search-row">
            <input id="q" name="q" type="search" value={props.q} maxlength={200} />
            <button type="submit">{st('list.submit')}</button>
          </div>
        </form>
      </search>
      <div class="topics">
        <TopicNav
          id="topics-heading"
          title={st('list.categories')}
          topics={TOPICS}
          lang={ctx.lang}
          current={props.category}
        />
        <TopicNav
          id="events-heading"
          title={st('list.lifeEvents')}
          topics={LIFE_EVENTS}
          lang={ctx.lang}
          current={props.category}
        />
      </div>
      <h2 id="results">
        {filtered
          ? st('list.results', { count: props.items.length + (props.nextHref ? '+' : '') })
          : st('list.all')}
      </h2>
      {props.items.length === 0 ? (
        <p>{st('list.none')}</p>
      ) : (
        <ul class="results" aria-labelledby="results">
          {props.items.map((item) => (
            <li>
              <h3>
                <a href={`/services/${item.code}`}>{highlight(item.name, props.terms)}</a>
              </h3>
              <p>{highlight(item.description, props.terms)}</p>
            </li>
          ))}
        </ul>
      )}
      {props.nextHref ? (
        <p>
          <a href={props.nextHref}>{st('list.more')}</a>
        </p>
      ) : null}
    </Layout>
  )
}

/** Links that filter the catalogue by a topic or life situation; the chosen one is marked. */
function TopicNav(props: {
  id: string
  title: string
  topics: Record<string, MultilingualText>
  lang: Lang
  current: string | undefined
}): Html {
  return (
    <nav aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <ul>
        {Object.entries(props.topics).map(([key, name]) => (
          <li>
            <a href={`/services?category=${key}`} aria-current={props.current === key ? 'true' : undefined}>
              {name[props.lang]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function Section(props: { title: string; id?: string; children?: Children }): Html {
  return (
    <section id={props.id}>
      <h2>{props.title}</h2>
      {props.children}
    </section>
  )
}

/**
 * What a resident can do next, as buttons at the top of the card: apply online where there is a
 * form, book a visit (at once where one centre serves it), or come without booking and take a ticket.
 */
function NextActions(props: {
  card: ServiceDto
  offices: OfficeDto[]
  st: ReturnType<typeof servicesTexts>
}) {
  const { card, st } = props
  const bookable = props.offices.flatMap((o) => {
    const queueId = card.offices?.find((x) => x.officeId === o.id)?.queueId
    return queueId ? [{ office: o, queueId }] : []
  })
  const only = bookable.length === 1 ? bookable[0] : undefined
  // A form of Ratusz's own where the card has one; else the card's link to another site's form.
  const applyHref = card.eService ? `/services/${card.code}/apply` : card.eFormUrl
  if (!applyHref && bookable.length === 0 && props.offices.length === 0) return null
  return (
    <div class="next-actions noprint">
      <h2 class="visually-hidden">{st('card.next')}</h2>
      {applyHref ? (
        <a class="button" href={applyHref}>
          <Icon name="online" />
          {st('card.applyOnline')}
        </a>
      ) : null}
      {bookable.length > 0 ? (
        <a
          class={applyHref ? 'button secondary' : 'button'}
          href={only ? `/offices/${only.office.code}/book?queue=${only.queueId}` : '#where'}
        >
          <Icon name="calendar" />
          {st('card.bookVisit')}
        </a>
      ) : null}
      {props.offices.length > 0 ? (
        <a class="button secondary" href="#where" aria-describedby="ticket-hint">
          <Icon name="ticket" />
          {st('card.takeTicket')}
        </a>
      ) : null}
      {props.offices.length > 0 ? (
        <p class="hint" id="ticket-hint">
          {st('card.ticketHint')}
        </p>
      ) : null}
    </div>
  )
}

/** One service card as residents read and print it. */
export function ServicePage(props: {
  ctx: PageContext
  card: ServiceDto
  offices: OfficeDto[]
  related?: { code: string; name: MultilingualText }[]
}): Html {
  const { ctx, card } = props
  const { lang } = ctx
  const st = servicesTexts(lang)
  const ml = (text: MultilingualText | undefined) => (text ? text[lang] : '')
  const list = (items: MultilingualText[] | undefined) =>
    items && items.length > 0 ? (
      <ul>
        {items.map((i) => (
          <li>{i[lang]}</li>
        ))}
      </ul>
    ) : null
  // The queue serving this card at an office, where it names one: booking and the live queue.
  const queueAt = (officeId: string) => card.offices?.find((o) => o.officeId === officeId)?.queueId
  const updated = card.publishedAt
    ? new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(card.publishedAt))
    : null
  return (
    <Layout
      ctx={ctx}
      title={card.name[lang]}
      head={<link rel="alternate" type="application/ld+json" href={`/api/v1/services/${card.id}`} />}
    >
      <p class="noprint">
        <a href="/services">{st('card.back')}</a>
      </p>
      <article class="service-card">
        <h1>{card.name[lang]}</h1>
        <p class="lead">{card.description[lang]}</p>
        <NextActions card={card} offices={props.offices} st={st} />
        {card.audience ? <Section title={st('card.audience')}>{<p>{ml(card.audience)}</p>}</Section> : null}
        {card.requiredDocuments?.length ? (
          <Section title={st('card.documents')}>{list(card.requiredDocuments)}</Section>
        ) : null}
        {card.documentsToShow?.length ? (
          <Section title={st('card.documentsToShow')}>{list(card.documentsToShow)}</Section>
        ) : null}
        {card.fees?.length ? (
          <Section title={st('card.fees')}>
            <ul>
              {card.fees.map((fee) => (
                <li>
                  {fee.amount === 0
                    ? fee.description[lang]
                    : `${moneyText(fee.amount, fee.currency, lang)} — ${fee.description[lang]}`}
                  {fee.howToPay ? <span>. {fee.howToPay[lang]}</span> : null}
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {card.processingTime ? (
          <Section title={st('card.time')}>
            <p>
              {durationText(card.processingTime, lang)}
              {card.processingTimeSource ? (
                <span> ({st('card.timeSource', { source: card.processingTimeSource })})</span>
              ) : null}
            </p>
          </Section>
        ) : null}
        {card.channels?.length ? (
          <Section title={st('card.channels')}>
            <ul>
              {card.channels.map((c) => (
                <li>
                  {c.url ? <a href={c.url}>{st(`card.channel.${c.type}`)}</a> : st(`card.channel.${c.type}`)}
                  {c.description ? <span> — {c.description[lang]}</span> : null}
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {props.offices.length ? (
          <Section title={st('card.offices')} id="where">
            <ul class="cards">
              {props.offices.map((o) => (
                <li class="card">
                  <h3>{o.name[lang]}</h3>
                  <p>
                    {o.address.street}, {o.address.postcode} {o.address.city}
                  </p>
                  <OpeningHoursTable
                    hours={o.openingHours}
                    lang={lang}
                    caption={st('card.hours')}
                    closed={st('card.closed')}
                  />
                  {queueAt(o.id) ? (
                    <p class="noprint actions">
                      <a class="button" href={`/offices/${o.code}/book?queue=${queueAt(o.id)}`}>
                        <Icon name="calendar" />
                        {st('card.book')}
                      </a>
                      <a class="button secondary" href={`/offices/${o.code}/board`}>
                        <Icon name="queue" />
                        {st('card.queueNow')}
                      </a>
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {card.legalBasis?.length ? (
          <Section title={st('card.legal')}>
            <ul>
              {card.legalBasis.map((l) => (
                <li>
                  {l.url ? <a href={l.url}>{l.title}</a> : l.title}
                  {l.reference
                    ? ` (${l.reference}${l.article ? `, ${l.article}` : ''})`
                    : l.article
                      ? ` (${l.article})`
                      : ''}
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {card.responsibleUnit ? (
          <Section title={st('card.unit')}>{<p>{card.responsibleUnit}</p>}</Section>
        ) : null}
        {card.appeal ? <Section title={st('card.appeal')}>{<p>{ml(card.appeal)}</p>}</Section> : null}
        {card.notes ? <Section title={st('card.notes')}>{<p>{ml(card.notes)}</p>}</Section> : null}
        {props.related?.length ? (
          <Section title={st('card.related')}>
            <ul>
              {props.related.map((r) => (
                <li>
                  <a href={`/services/${r.code}`}>{r.name[lang]}</a>
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
        {updated ? <p class="updated">{st('card.updated', { date: updated })}</p> : null}
        <p class="noprint hint">{st('card.print')}</p>
      </article>
    </Layout>
  )
}
