import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { listeningApp } from '../support/listening-app.js'

/** A browser over real HTTP: cookies per host, redirects followed by hand. */
function browser() {
  const jars = new Map<string, Map<string, string>>()
  const jarOf = (url: string) => {
    const host = new URL(url).host
    const jar = jars.get(host) ?? new Map<string, string>()
    jars.set(host, jar)
    return jar
  }
  return async (url: string, init: { method?: string; form?: Record<string, string> } = {}) => {
    const jar = jarOf(url)
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    })
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = (pair ?? '').indexOf('=')
      if (at > 0) jar.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
    return { status: res.status, location: res.headers.get('location'), body: await res.text() }
  }
}

describeEachDatabase('the demo identity provider', (dialect) => {
  it('is off by default; when enabled, a trial resident signs in with a PESEL at /demo-idp over the real protocol', async () => {
    const { app, url } = await listeningApp(dialect, {
      config: (self) => ({ publicUrl: self, demoOidc: true }),
    })
    try {
      const go = browser()
      const page = await go(`${url}/my?lang=en`)
      expect(page.body).toContain('Sign in with Demo ID (not a real identity)')
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!
      const begun = await go(`${url}/my/sign-in/oidc`, { method: 'POST', form: { _csrf: csrf, next: '/my' } })
      expect(begun.status).toBe(303)
      expect(begun.location).toContain(`${url}/demo-idp/auth?`)
      let at = await go(begun.location!)
      const interaction = new URL(at.location!, url).href
      const form = await go(interaction)
      expect(form.body).toContain('not a real identity provider')
      const wrong = await go(interaction, { method: 'POST', form: { id: '12345678901', name: 'X' } })
      expect(wrong.status).toBe(422)
      at = await go(interaction, { method: 'POST', form: { id: '44051401359', name: 'Ewa Demo' } })
      let next = new URL(at.location!, url).href
      for (let i = 0; i < 5 && !next.startsWith(`${url}/my/sign-in/oidc/callback`); i++)
        next = new URL((await go(next)).location!, url).href
      const signedIn = await go(next)
      expect(signedIn.status, signedIn.body).toBe(303)
      expect(signedIn.location).toBe('/my')
      const my = await go(`${url}/my`)
      expect(my.body).toContain('Ewa Demo')
      expect(my.body).toContain('PESEL 44051401359')
    } finally {
      await app.close()
    }
    const plain = await listeningApp(dialect)
    try {
      expect((await fetch(`${plain.url}/demo-idp/.well-known/openid-configuration`)).status).toBe(404)
    } finally {
      await plain.app.close()
    }
  })
})
