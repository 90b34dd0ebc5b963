import type { LightMyRequestResponse } from 'fastify'
import type { TestApp } from './test-app.js'

/** A browser-like client for in-process requests: keeps cookies, reads CSRF tokens from forms. */
export function cookieSession(app: TestApp) {
  const jar = new Map<string, string>()
  const remember = (res: LightMyRequestResponse) => {
    for (const c of res.cookies) {
      if (
        c.value === '' ||
        (c.maxAge !== undefined && c.maxAge <= 0) ||
        (c.expires && c.expires.getTime() < Date.now())
      )
        jar.delete(c.name)
      else jar.set(c.name, c.value)
    }
  }
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  return {
    jar,
    async get(url: string) {
      const res = await app.inject({ url, headers: { cookie: cookieHeader() } })
      remember(res)
      return res
    },
    async post(url: string, form: Record<string, string>) {
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      })
      remember(res)
      return res
    },
    /** An API request with the session's cookies (a resident's), JSON in and out. */
    async api(method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) {
      const res = await app.inject({
        method,
        url,
        headers: { cookie: cookieHeader(), ...headers },
        ...(payload ? { payload } : {}),
      })
      remember(res)
      return res
    },
    /** Sends a multipart form (files) with the session's cookies. */
    async upload(url: string, form: { payload: Buffer; headers: Record<string, string> }) {
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { cookie: cookieHeader(), ...form.headers },
        payload: form.payload,
      })
      remember(res)
      return res
    },
  }
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
  if (!token) throw new Error('no CSRF field on the page')
  return token
}

/** Signs in through the login form and returns the session. */
export async function signedInSession(app: TestApp, login: string, password: string) {
  const session = cookieSession(app)
  const form = await session.get('/login')
  const res = await session.post('/login', { _csrf: csrfOf(form.body), login, password })
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`)
  return session
}
