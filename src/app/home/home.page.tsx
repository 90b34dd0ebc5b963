import type { Closure, OfficeDto } from '../../modules/offices/index.js'
import { Icon } from '../../web/icons.js'
import { Fragment, type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import { OpeningHoursTable } from '../opening-hours-table.js'

/** The public home page: what Ratusz offers and the service centres with their opening hours. */
export function HomePage(props: {
  ctx: PageContext
  offices: OfficeDto[]
  /** Per office: the days it is closed in the next two weeks though its week says open. */
  closures: Record<string, Closure[]>
}): Html {
  const { ctx } = props
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.intro')}</p>
      <search>
        <form method="get" action="/services" class="search-form home-search">
          <label for="q">{t('home.search.label')}</label>
          <p class="hint" id="q-hint">
            {t('home.search.hint')}
          </p>
          <div class="search-row">
            <input id="q" name="q" type="search" maxlength={200} aria-describedby="q-hint" />
            <button type="submit">
              <Icon name="search" />
              {t('home.search.button')}
            </button>
          </div>
        </form>
      </search>
      <p class="next-actions">
        <a class="button" href="/services">
          <Icon name="document" />
          {t('home.services')}
        </a>
        <a class="button secondary" href="/book">
          <Icon name="calendar" />
          {t('home.book')}
        </a>
        <a class="button secondary" href="/appointments/find">
          <Icon name="ticket" />
          {t('home.findBooking')}
        </a>
      </p>
      <h2 id="offices">{t('home.offices.heading')}</h2>
      {props.offices.length === 0 ? (
        <p>{t('home.offices.empty')}</p>
      ) : (
        <ul class="cards" aria-labelledby="offices">
          {props.offices.map((office) => (
            <OfficeCard ctx={ctx} office={office} closures={props.closures[office.id] ?? []} />
          ))}
        </ul>
      )}
    </Layout>
  )
}

function OfficeCard(props: { ctx: PageContext; office: OfficeDto; closures: Closure[] }): Html {
  const { t, lang } = props.ctx
  const { office } = props
  const headingId = `office-${office.code}`
  return (
    <li class="card">
      <h3 id={headingId}>{office.name[lang]}</h3>
      <dl>
        <dt>
          <Icon name="place" />
          {t('home.offices.address')}
        </dt>
        <dd>
          {office.address.street}, {office.address.postcode} {office.address.city}
        </dd>
        {office.contact.phone ? (
          <>
            <dt>
              <Icon name="phone" />
              {t('home.offices.phone')}
            </dt>
            <dd>
              <a href={`tel:${office.contact.phone.replace(/\s/g, '')}`}>{office.contact.phone}</a>
            </dd>
          </>
        ) : null}
        {office.contact.email ? (
          <>
            <dt>
              <Icon name="mail" />
              {t('home.offices.email')}
            </dt>
            <dd>
              <a href={`mailto:${office.contact.email}`}>{office.contact.email}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <OpeningHoursTable
        hours={office.openingHours}
        lang={lang}
        caption={t('home.offices.hours')}
        closed={t('home.offices.closed')}
      />
      {props.closures.length > 0 ? (
        <>
          <p id={`${headingId}-closures`}>{t('home.offices.closures')}</p>
          <ul aria-labelledby={`${headingId}-closures`}>
            {props.closures.map((c) => (
              <li>
                <time datetime={c.date}>{dayName(c.date, lang)}</time> — {c.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </li>
  )
}

/** 25 December, Thursday: a date as residents read it, in the page's language. */
function dayName(date: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`))
}
