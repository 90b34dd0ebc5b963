import type { OfficeDto } from '../../modules/offices/index.js'
import type { BoardDto } from '../../modules/queue/index.js'
import { assetUrl } from '../../web/assets-manifest.js'
import { Fragment, type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import { frontOfficeTexts } from './front-office.messages.js'

/**
 * The hall's board. Works without JavaScript (it reloads itself); with it, it follows the office's
 * event stream, reconnects by itself after a drop, and can announce calls aloud, one at a time.
 */
export function BoardPage(props: { ctx: PageContext; office: OfficeDto; board: BoardDto }): Html {
  const { ctx, office, board } = props
  const ft = frontOfficeTexts(ctx.lang)
  const title = ft('board.title', { office: office.name[ctx.lang] })
  return (
    <Layout
      ctx={ctx}
      title={title}
      bodyClass="board"
      head={
        <>
          <noscript>
            <meta http-equiv="refresh" content="15" />
          </noscript>
          <script src={assetUrl('board.js')} defer></script>
        </>
      }
    >
      <div
        id="board"
        data-events={`/api/v1/offices/${office.id}/board/events`}
        data-lang={office.defaultLanguage}
        data-say={ft('board.say', { number: '{number}', desk: '{desk}' })}
        data-minutes={ft('board.minutes', { n: '{n}' })}
        data-sound-on={ft('board.soundOn')}
      >
        <h1>{title}</h1>
        <p class="board-offline" role="status" hidden>
          {ft('board.offline')}
        </p>
        <button type="button" class="board-sound" hidden>
          {ft('board.sound')}
        </button>
        <section aria-labelledby="called-title">
          <h2 id="called-title">{ft('board.called')}</h2>
          <table class="data board-called">
            <thead>
              <tr>
                <th scope="col">{ft('board.number')}</th>
                <th scope="col">{ft('board.desk')}</th>
              </tr>
            </thead>
            <tbody aria-live="polite">
              {board.called.map((c) => (
                <tr>
                  <td class="board-number">{c.number}</td>
                  <td>{c.deskName}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {board.called.length === 0 ? <p class="board-none">{ft('board.none')}</p> : null}
        </section>
        <section aria-labelledby="queues-title">
          <h2 id="queues-title">{ft('board.queues')}</h2>
          <table class="data board-queues">
            <thead>
              <tr>
                <th scope="col">{ft('board.queue')}</th>
                <th scope="col">{ft('board.waiting')}</th>
                <th scope="col">{ft('board.wait')}</th>
              </tr>
            </thead>
            <tbody>
              {board.queues.map((q) => (
                <tr data-prefix={q.prefix}>
                  <td>
                    {q.prefix} — {q.name[ctx.lang]}
                  </td>
                  <td class="board-waiting">{q.waiting}</td>
                  <td class="board-wait">{ft('board.minutes', { n: q.estimatedWaitMinutes })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </Layout>
  )
}
