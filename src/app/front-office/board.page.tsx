import type { OfficeDto } from '../../modules/offices/index.js'
import type { BoardDto } from '../../modules/queue/index.js'
import type { Lang } from '../../platform/i18n/index.js'
import { assetUrl } from '../../web/assets-manifest.js'
import { Fragment, type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import { frontOfficeTexts } from './front-office.messages.js'

/** How a board screen is set up, from its address: sound, and a second language to alternate with. */
export interface BoardSettings {
  sound: boolean
  also: Lang | null
}

/** The words the board shows, in one language (the script alternates them with a second one). */
function boardWords(lang: Lang) {
  const ft = frontOfficeTexts(lang)
  return {
    called: ft('board.called'),
    number: ft('board.number'),
    desk: ft('board.desk'),
    queues: ft('board.queues'),
    queue: ft('board.queue'),
    waiting: ft('board.waiting'),
    wait: ft('board.wait'),
    none: ft('board.none'),
    offline: ft('board.offline'),
    say: ft('board.say', { number: '{number}', desk: '{desk}' }),
    minutes: ft('board.minutes', { n: '{n}' }),
  }
}

/**
 * The hall's board, for a TV at 1080p or 4K and for a portrait screen: no site header or footer, the
 * last numbers called and their desks in very large type with the newest marked, the waiting per
 * queue, the office's name and clock. Works without JavaScript (it reloads itself); with it, it
 * follows the office's event stream, reconnects by itself after a network cut or a server restart and
 * says when it is offline, chimes and announces each call aloud in the office's language (and in the
 * second language where the screen has one), unless its address says `sound=off`.
 */
export function BoardPage(props: {
  ctx: PageContext
  office: OfficeDto
  board: BoardDto
  settings: BoardSettings
  now: Date
}): Html {
  const { ctx, office, board, settings } = props
  const words = boardWords(ctx.lang)
  const also = settings.also && settings.also !== ctx.lang ? settings.also : null
  const ft = frontOfficeTexts(ctx.lang)
  const title = ft('board.title', { office: office.name[ctx.lang] })
  const clock = new Intl.DateTimeFormat(ctx.lang, { timeStyle: 'short', timeZone: office.timezone })
  const minutes = (n: number) => words.minutes.replace('{n}', String(n))
  return (
    <Layout
      ctx={ctx}
      title={title}
      bodyClass="board-screen"
      chrome="screen"
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
        data-lang={ctx.lang}
        data-words={JSON.stringify(words)}
        data-sound={settings.sound ? 'on' : 'off'}
        data-timezone={office.timezone}
        {...(also ? { 'data-also-lang': also, 'data-also-words': JSON.stringify(boardWords(also)) } : {})}
      >
        <header class="board-top">
          <h1 class="board-office">{office.name[ctx.lang]}</h1>
          <p class="board-clock">
            <time datetime={props.now.toISOString()}>{clock.format(props.now)}</time>
          </p>
        </header>
        <p class="board-offline" role="alert" data-word="offline" hidden>
          {words.offline}
        </p>
        {settings.sound ? (
          <button type="button" class="board-sound" hidden>
            {ft('board.sound')}
          </button>
        ) : null}
        <div class="board-panels">
          <section aria-labelledby="called-title" class="board-panel">
            <h2 id="called-title" data-word="called">
              {words.called}
            </h2>
            <table class="board-called">
              <thead>
                <tr>
                  <th scope="col" data-word="number">
                    {words.number}
                  </th>
                  <th scope="col" data-word="desk">
                    {words.desk}
                  </th>
                </tr>
              </thead>
              <tbody aria-live="polite">
                {board.called.map((c, i) => (
                  <tr class={i === 0 ? 'board-newest' : undefined}>
                    <td class="board-number">{c.number}</td>
                    <td class="board-desk">{c.deskName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="board-none" data-word="none" hidden={board.called.length > 0}>
              {words.none}
            </p>
          </section>
          <section aria-labelledby="queues-title" class="board-panel">
            <h2 id="queues-title" data-word="queues">
              {words.queues}
            </h2>
            <table class="board-queues">
              <thead>
                <tr>
                  <th scope="col" data-word="queue">
                    {words.queue}
                  </th>
                  <th scope="col" data-word="waiting">
                    {words.waiting}
                  </th>
                  <th scope="col" data-word="wait">
                    {words.wait}
                  </th>
                </tr>
              </thead>
              <tbody>
                {board.queues.map((q) => (
                  <tr data-prefix={q.prefix}>
                    <td>
                      <span class="board-prefix">{q.prefix}</span>{' '}
                      <span data-names={JSON.stringify(q.name)}>{q.name[ctx.lang]}</span>
                    </td>
                    <td class="board-waiting">{q.waiting}</td>
                    <td class="board-wait" data-minutes={q.estimatedWaitMinutes}>
                      {minutes(q.estimatedWaitMinutes)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      </div>
    </Layout>
  )
}
