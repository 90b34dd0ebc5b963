import { expect, it } from 'vitest'
import { ERROR_CODES, type ErrorCode } from '../../src/platform/error-codes.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoBearers, demoOffices, officeBody } from '../support/factories.js'
import { problemOf, type TestApp, testApp } from '../support/test-app.js'

const CODES = Object.keys(ERROR_CODES) as ErrorCode[]
const LANGS = ['uk', 'pl', 'en'] as const

/** Follows a problem's `type` (relative: resolved against the request's address) to its page. */
async function pageOfType(app: TestApp, type: string, lang: string) {
  const url = new URL(type, 'http://ratusz.test/api/v1/anything')
  return app.inject({ url: `${url.pathname}?lang=${lang}` })
}

const headingOf = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? ''

describeEachDatabase('error codes, each with a page that explains it', (dialect) => {
  it('leads from the type of real refusals to a page explaining their code, in three languages', async () => {
    const app = await testApp(dialect, { demo: true })
    const { admin } = await demoBearers(app)
    const lviv = (await demoOffices(app))['LVIV-CNAP']!
    const refusals = [
      await app.inject('/api/v1/offices/0190b7a0-0000-7000-8000-000000000000'),
      await app.inject({ url: '/api/v1/offices/0190b7a0-0000-7000-8000-000000000000', headers: admin }),
      await app.inject({ method: 'POST', url: '/api/v1/offices', headers: admin, payload: { code: '' } }),
      await app.inject({
        method: 'POST',
        url: '/api/v1/offices',
        headers: admin,
        payload: officeBody(lviv.code),
      }),
      await app.inject({
        method: 'POST',
        url: '/api/v1/offices',
        headers: { ...admin, 'content-type': 'application/json' },
        payload: '{"code":',
      }),
    ]
    expect(refusals.map((r) => problemOf(r).code)).toEqual([
      'UNAUTHENTICATED',
      'NOT_FOUND',
      'VALIDATION_FAILED',
      'OFFICE_CODE_TAKEN',
      'MALFORMED_JSON',
    ])
    const headings = new Set<string>()
    for (const refusal of refusals) {
      const problem = problemOf(refusal)
      expect(problem.type).toBe(`/errors/${problem.code.toLowerCase().replaceAll('_', '-')}`)
      for (const lang of LANGS) {
        const page = await pageOfType(app, problem.type, lang)
        expect(page.statusCode, `${problem.type} ${lang}`).toBe(200)
        expect(page.headers['content-type']).toMatch(/^text\/html/)
        expect(page.body).toContain(`<html lang="${lang}"`)
        expect(page.body).toContain(`<code>${problem.code}</code>`)
        expect(page.body).toContain(`<dd>${refusal.statusCode}</dd>`)
        headings.add(headingOf(page.body))
      }
    }
    // Each code and language has its own words: five codes in three languages, fifteen headings.
    expect(headings.size).toBe(15)
    const uk = await pageOfType(app, '/errors/version-mismatch', 'uk')
    expect(headingOf(uk.body)).toBe('Помилка: Змінено після того, як ви прочитали')
    const pl = await pageOfType(app, '/errors/office-code-taken', 'pl')
    expect(headingOf(pl.body)).toBe('Błąd: Ten kod urzędu jest zajęty')
  })

  it('has a page for every code, and a list of all codes linking to them', async () => {
    const app = await testApp(dialect)
    for (const lang of LANGS) {
      const list = await app.inject(`/errors?lang=${lang}`)
      expect(list.statusCode).toBe(200)
      const links = [...list.body.matchAll(/<a href="(\/errors\/[a-z0-9-]+)">/g)].map((m) => m[1])
      expect(links).toHaveLength(CODES.length)
      const titles = new Set<string>()
      for (const link of links) {
        const page = await app.inject(`${link}?lang=${lang}`)
        expect(page.statusCode, link).toBe(200)
        titles.add(headingOf(page.body))
      }
      // No two codes are explained with the same title.
      expect(titles.size).toBe(CODES.length)
    }
  })

  it('answers an unknown code with a 404 page, and a code spelled as in a problem with its page', async () => {
    const app = await testApp(dialect)
    const page = await app.inject('/errors/no-such-code?lang=en')
    expect(page.statusCode).toBe(404)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    const spelled = await app.inject('/errors/VERSION_MISMATCH')
    expect(spelled.statusCode).toBe(301)
    expect(spelled.headers.location).toBe('/errors/version-mismatch')
    expect((await app.inject('/errors/<script>')).statusCode).toBe(404)
  })

  it('explains a refusal on a page route in the words of its code, linking to its page', async () => {
    const app = await testApp(dialect)
    const expired = await app.inject('/my/sign-in?token=no-such-link&lang=pl')
    expect(expired.statusCode).toBe(410)
    expect(headingOf(expired.body)).toBe('Tego linku nie można użyć')
    expect(expired.body).toContain('Link do logowania wygasł albo został już użyty.')
    expect(expired.body).toContain('<a href="/errors/link-expired">O błędzie LINK_EXPIRED</a>')
  })

  it('lists every code in the OpenAPI document, so that a generated client knows them', async () => {
    const app = await testApp(dialect)
    const doc = (await app.inject('/api/openapi.json')).json<{
      components: { schemas: { Problem: { properties: { code: { enum: string[] } } } } }
    }>()
    expect(doc.components.schemas.Problem.properties.code.enum.sort()).toEqual([...CODES].sort())
  })
})
