import { LANGUAGES } from '../platform/i18n/index.js'
import { assetUrl } from './assets-manifest.js'
import { LANGUAGE_NAMES } from './i18n/index.js'
import { Logo } from './icons.js'
import { type Children, type Html, h } from './jsx.js'
import { hrefInLanguage, type PageContext } from './page-context.js'

/** The page shell every page renders in: skip link, header with language switcher, main, footer. */
export function Layout(props: {
  ctx: PageContext
  title: string
  children?: Children
  nav?: Html
  /** Extra head elements of one page (its script, a refresh for pages without JavaScript). */
  head?: Html
  bodyClass?: string
  /**
   * `site` (the default): the site's header, navigation and footer. `kiosk`: a device in the hall,
   * locked to its screens: the place's name and the language switcher, no links away, no footer.
   * `screen`: a display nobody touches (the hall board): the page's content alone.
   */
  chrome?: 'site' | 'kiosk' | 'screen'
  /** Data attributes of the body, for the page's script (`kiosk-home`, `autoprint`). */
  data?: Record<string, string>
}): Html {
  const { ctx } = props
  const { t, lang } = ctx
  const kiosk = props.chrome === 'kiosk'
  const screen = props.chrome === 'screen'
  const data = Object.fromEntries(Object.entries(props.data ?? {}).map(([k, v]) => [`data-${k}`, v]))
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — ${t('site.name')}`}</title>
        <meta name="description" content={t('site.tagline')} />
        <link rel="stylesheet" href={assetUrl('ratusz.css')} />
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        {props.head ?? null}
        {LANGUAGES.filter((l) => l !== lang).map((l) => (
          <link rel="alternate" hreflang={l} href={hrefInLanguage(ctx, l)} />
        ))}
      </head>
      <body class={props.bodyClass} {...data}>
        {screen ? null : (
          <a class="skip-link" href="#main">
            {t('skip.toContent')}
          </a>
        )}
        {screen ? null : (
          <header class="site-header">
            <div class="wrap header-row">
              {kiosk ? (
                <p class="brand">
                  <Logo />
                  <span class="brand-name">{t('site.name')}</span>
                </p>
              ) : (
                <a class="brand" href="/">
                  <Logo />
                  <span class="brand-words">
                    <span class="brand-name">{t('site.name')}</span>
                    <span class="brand-tagline">{t('site.tagline')}</span>
                  </span>
                </a>
              )}
              <nav class="lang-switcher" aria-label={t('lang.label')}>
                <ul>
                  {LANGUAGES.map((l) => (
                    <li>
                      <a
                        href={hrefInLanguage(ctx, l)}
                        lang={l}
                        hreflang={l}
                        aria-current={l === lang ? 'true' : undefined}
                      >
                        {LANGUAGE_NAMES[l]}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
            {kiosk
              ? null
              : (props.nav ?? (
                  <nav class="main-nav" aria-label={t('nav.label')}>
                    <ul class="wrap">
                      <li>
                        <a href="/" aria-current={ctx.path === '/' ? 'page' : undefined}>
                          {t('nav.home')}
                        </a>
                      </li>
                      <li>
                        <a
                          href="/services"
                          aria-current={ctx.path.startsWith('/services') ? 'page' : undefined}
                        >
                          {t('nav.services')}
                        </a>
                      </li>
                      <li>
                        <a
                          href="/book"
                          aria-current={
                            ctx.path === '/book' || ctx.path.endsWith('/book') ? 'page' : undefined
                          }
                        >
                          {t('nav.book')}
                        </a>
                      </li>
                    </ul>
                  </nav>
                ))}
          </header>
        )}
        <main id="main" class="wrap" tabindex="-1">
          {props.children}
        </main>
        {kiosk || screen ? null : (
          <footer class="site-footer">
            <div class="wrap">
              <p>{t('footer.about')}</p>
              <ul class="footer-links">
                <li>
                  <a href="/deadlines">{t('nav.deadlines')}</a>
                </li>
                <li>
                  <a href="/information-request">{t('nav.informationRequest')}</a>
                </li>
                <li>
                  <a href="/verify">{t('nav.verify')}</a>
                </li>
                <li>
                  <a href="/login">{t('nav.staff')}</a>
                </li>
                <li>
                  <a href="/api/docs">{t('nav.api')}</a>
                </li>
              </ul>
            </div>
          </footer>
        )}
      </body>
    </html>
  )
}
