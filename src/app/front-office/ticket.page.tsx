import type { OfficeDto } from '../../modules/offices/index.js'
import type { QueueDto, TicketDto } from '../../modules/queue/index.js'
import { assetUrl } from '../../web/assets-manifest.js'
import { Fragment, type Html, h, raw } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import { frontOfficeTexts } from './front-office.messages.js'

export interface TicketView {
  ctx: PageContext
  ticket: TicketDto
  office: OfficeDto
  queue: QueueDto | undefined
  /** The QR code (SVG) of the ticket's status page, on the printed ticket. */
  qrSvg?: string
  /** The kiosk's own page: a print button and a way back to take another ticket. */
  kioskHref?: string
}

const STATUSES = ['waiting', 'called', 'serving', 'parked', 'served', 'no-show', 'expired'] as const

/** Every status in the page's language, for the script that keeps the page current. */
function statusTexts(ft: ReturnType<typeof frontOfficeTexts>, desk: string) {
  return Object.fromEntries(STATUSES.map((st) => [st, ft(`ticket.status.${st}`, { desk })]))
}

/** A ticket: on the resident's phone (live status) or printed at the kiosk (80 mm thermal paper). */
export function TicketPage(props: TicketView): Html {
  const { ctx, ticket, office, queue } = props
  const ft = frontOfficeTexts(ctx.lang)
  const time = new Intl.DateTimeFormat(ctx.lang, { timeStyle: 'short', timeZone: office.timezone }).format(
    new Date(ticket.issuedAt),
  )
  const status = ft(`ticket.status.${ticket.status}`, { desk: ticket.deskName ?? '' })
  const live = ticket.status === 'waiting' || ticket.status === 'called' || ticket.status === 'parked'
  return (
    <Layout
      ctx={ctx}
      title={ft('ticket.title', { number: ticket.number })}
      bodyClass={props.kioskHref ? 'kiosk ticket-print' : undefined}
      {...(props.kioskHref
        ? {
            // At the kiosk: printed at once, and the start screen again after a short while (kiosk.js;
            // without JavaScript a refresh does it).
            chrome: 'kiosk' as const,
            data: { 'kiosk-home': props.kioskHref, 'kiosk-idle': '20', autoprint: ticket.id },
            head: (
              <>
                <noscript>
                  <meta http-equiv="refresh" content={`30;url=${props.kioskHref}`} />
                </noscript>
                <script src={assetUrl('kiosk.js')} defer></script>
              </>
            ),
          }
        : { head: live ? <script src={assetUrl('ticket.js')} defer></script> : undefined })}
    >
      <article class="ticket" aria-labelledby="ticket-number">
        <p class="ticket-office">{office.name[ctx.lang]}</p>
        <h1 id="ticket-number" class="ticket-number">
          {ticket.number}
        </h1>
        <dl class="ticket-facts" data-statuses={JSON.stringify(statusTexts(ft, '{desk}'))}>
          {queue ? (
            <>
              <dt>{ft('ticket.queue')}</dt>
              <dd>{queue.name[ctx.lang]}</dd>
            </>
          ) : null}
          <dt>{ft('ticket.issued')}</dt>
          <dd>{time}</dd>
          <dt>{ft('ticket.status')}</dt>
          <dd>
            <span role="status">{status}</span>
          </dd>
          {ticket.peopleAhead !== undefined ? (
            <>
              <dt>{ft('ticket.ahead')}</dt>
              <dd class="ticket-ahead">{ticket.peopleAhead}</dd>
              <dt>{ft('ticket.wait')}</dt>
              <dd class="ticket-wait">{ft('board.minutes', { n: ticket.estimatedWaitMinutes ?? 0 })}</dd>
            </>
          ) : null}
        </dl>
        {props.qrSvg ? (
          <figure class="ticket-qr">
            {raw(props.qrSvg)}
            <figcaption>{ft('ticket.follow')}</figcaption>
          </figure>
        ) : null}
        {live && !props.kioskHref ? (
          <p
            class="hint"
            id="ticket-live"
            data-ticket={ticket.id}
            data-minutes={ft('board.minutes', { n: '{n}' })}
          >
            {ft('ticket.refresh')} <a href={`/tickets/${ticket.id}`}>{ft('ticket.reload')}</a>
          </p>
        ) : null}
      </article>
      {props.kioskHref ? (
        <p class="noprint kiosk-actions">
          <button type="button" class="kiosk-button secondary" data-print="" hidden>
            {ft('ticket.print')}
          </button>
          <a class="button kiosk-button" href={props.kioskHref}>
            {ft('ticket.another')}
          </a>
        </p>
      ) : null}
    </Layout>
  )
}
