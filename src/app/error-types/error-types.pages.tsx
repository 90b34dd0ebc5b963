import { ERROR_CODES, type ErrorCode } from '../../platform/error-codes.js'
import { problemType } from '../../platform/http/problem.js'
import { type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import { errorTypesTexts } from './error-types.messages.js'

const CODES = (Object.keys(ERROR_CODES) as ErrorCode[]).sort()

/** /errors: every code a problem answer can carry, with its status and what it means. */
export function ErrorTypesPage(props: { ctx: PageContext }): Html {
  const et = errorTypesTexts(props.ctx.lang)
  return (
    <Layout ctx={props.ctx} title={et('index.title')}>
      <h1>{et('index.title')}</h1>
      <p>{et('index.intro')}</p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{et('index.code')}</th>
            <th scope="col">{et('index.status')}</th>
            <th scope="col">{et('index.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {CODES.map((code) => (
            <tr>
              <th scope="row">
                <a href={problemType(code)}>
                  <code>{code}</code>
                </a>
              </th>
              <td>{String(ERROR_CODES[code])}</td>
              <td>{et(`${code}.title`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href="/api/docs">{et('page.apiDocument')}</a>
      </p>
    </Layout>
  )
}

/** /errors/{slug}: one code, what it means and what to do, for people and for the developers of clients. */
export function ErrorTypePage(props: { ctx: PageContext; code: ErrorCode }): Html {
  const { code } = props
  const et = errorTypesTexts(props.ctx.lang)
  const title = et(`${code}.title`)
  return (
    <Layout ctx={props.ctx} title={title}>
      <p>
        <a href="/errors">{et('page.allCodes')}</a>
      </p>
      <h1>{et('page.heading', { title })}</h1>
      <h2>{et('page.whatToDo')}</h2>
      <p>{et(`${code}.body`)}</p>
      <h2>{et('page.facts')}</h2>
      <dl class="facts">
        <dt>{et('page.code')}</dt>
        <dd>
          <code>{code}</code>
        </dd>
        <dt>{et('page.status')}</dt>
        <dd>{String(ERROR_CODES[code])}</dd>
        <dt>{et('page.type')}</dt>
        <dd>
          <code>{problemType(code)}</code>
        </dd>
      </dl>
      <h2>{et('page.forDevelopers')}</h2>
      <p>{et('page.developersBody')}</p>
    </Layout>
  )
}
