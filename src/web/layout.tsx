import { LANGUAGES } from '../platform/i18n/index.js'
import { assetUrl } from './assets-manifest.js'
import { LANGUAGE_NAMES } from './i18n/index.js'
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
}): Html {
  const { ctx } = props
  const { t, lang } = ctx
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
      <body class={props.bodyClass}>
        <a class="skip-link" href="#main">
          {t('skip.toContent')}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              <span class="brand-name">{t('site.name')}</span>
              <span class="brand-tagline">{t('site.tagline')}</span>
            </a>
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
          {props.nav ?? (
            <nav class="main-nav" aria-label={t('nav.label')}>
              <ul class="wrap">
                <li>
                  <a href="/" aria-current={ctx.path === '/' ? 'page' : undefined}>
                    {t('nav.home')}
                  </a>
                </li>
                <li>
                  <a href="/services" aria-current={ctx.path.startsWith('/services') ? 'page' : undefined}>
                    {t('nav.services')}
                  </a>
                </li>
                <li>
                  <a
                    href="/book"
                    aria-current={ctx.path === '/book' || ctx.path.endsWith('/book') ? 'page' : undefined}
                  >
                    {t('nav.book')}
                  </a>
                </li>
              </ul>
            </nav>
          )}
        </header>
        <main id="main" class="wrap" tabindex="-1">
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t('footer.about')}</p>
            <ul class="footer-links">
              <li>
                <a href="/login">{t('nav.staff')}</a>
              </li>
              <li>
                <a href="/api/docs">{t('nav.api')}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  )
}
