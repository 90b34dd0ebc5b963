import type { FastifyReply, FastifyRequest } from 'fastify'
import { isLang, type Lang, negotiateLanguage, type Translate } from '../platform/i18n/index.js'
import { type MessageKey, pageTexts } from './i18n/index.js'

/** What every page needs to render: its language, texts, and where it is (for the language switcher). */
export interface PageContext {
  lang: Lang
  t: Translate<MessageKey>
  /** Path and query of this page, without `lang`. */
  path: string
  query: URLSearchParams
}

export const LANG_COOKIE = 'lang'
const YEAR_SECONDS = 365 * 24 * 3600

/**
 * Chooses the language for a page request. A `?lang=` choice is remembered in a cookie so the
 * resident keeps it on every following page.
 */
export function pageContextOf(req: FastifyRequest, reply: FastifyReply, fallback: Lang): PageContext {
  const url = new URL(req.url, 'http://local')
  const queryLang = url.searchParams.get('lang')
  const lang = negotiateLanguage(
    { query: queryLang, cookie: req.cookies?.[LANG_COOKIE], acceptLanguage: req.headers['accept-language'] },
    fallback,
  )
  if (isLang(queryLang) && req.cookies?.[LANG_COOKIE] !== queryLang) {
    reply.setCookie(LANG_COOKIE, queryLang, {
      path: '/',
      maxAge: YEAR_SECONDS,
      sameSite: 'lax',
      httpOnly: true,
      secure: req.protocol === 'https',
    })
  }
  url.searchParams.delete('lang')
  reply.header('content-language', lang)
  reply.header('vary', 'Accept-Language, Cookie')
  return { lang, t: pageTexts(lang), path: url.pathname, query: url.searchParams }
}

/** The link that shows this same page in another language. */
export function hrefInLanguage(ctx: PageContext, lang: Lang): string {
  const query = new URLSearchParams(ctx.query)
  query.set('lang', lang)
  return `${ctx.path}?${query.toString()}`
}
