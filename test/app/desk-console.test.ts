import { expect, it } from 'vitest'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { testApp } from '../support/test-app.js'

describeEachDatabase('the desk console without JavaScript', (dialect) => {
  async function console_() {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    const clerk = await signedInSession(app, 'demo-consultant', 'demo-consultant-pass')
    const page = async (query = '') => (await clerk.get(`/staff/desk${query}`)).body
    /** Posts a console form the way the browser would, and follows its redirect. */
    const press = async (action: string, form: Record<string, string> = {}) => {
      const res = await clerk.post(`/staff/desk/${action}`, { _csrf: csrfOf(await page()), ...form })
      expect(res.statusCode, res.body).toBe(303)
      const to = res.headers.location as string
      return { to, html: (await clerk.get(to)).body }
    }
    const status = async (id: string) =>
      (await app.inject({ url: `/api/v1/tickets/${id}`, headers: q.bearers.consultant })).json().status
    return { app, q, page, press, status }
  }

  it('asks what became of the resident at the desk before calling the next, and says what it did', async () => {
    const { q, page, press, status } = await console_()
    const first = await q.issue({ queueId: q.queues.A, priority: 'small-child' })
    const second = await q.issue({ queueId: q.queues.A })
    const html = await page('?lang=en')
    const deskId = /name="deskId" value="([^"]+)"/.exec(html)![1]!
    await press('open', { deskId })

    let shown = await press('call-next')
    expect(shown.html).toContain(`${first.number} called to`)
    expect(shown.html).toContain('With a small child')
    expect(shown.html).not.toContain('>small-child<')
    expect(shown.html).toContain('Called, waiting for the resident to come')

    // Call next with someone at the desk and no choice: nothing happens to them, the console asks.
    const current = { ticketId: first.id }
    shown = await press('call-next', current)
    expect(shown.to).toContain('ask=1')
    expect(await status(first.id)).toBe('called')
    expect(shown.html).toContain(`what happened with ${first.number}?`)
    expect(shown.html).toContain(`Say what happened with ${first.number} before you call the next.`)
    // Only the choices a called ticket allows: finish, did not come, on hold.
    expect([...shown.html.matchAll(/name="outcome" value="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'finish',
      'no-show',
      'park',
    ])
    // While someone is at the desk, nobody can be called out of turn over them.
    expect(shown.html).not.toContain(`Call ${second.number} now`)

    shown = await press('call-next', { ...current, outcome: 'park' })
    expect(shown.html).toContain(`${first.number} put on hold. ${second.number} called to`)
    expect(await status(first.id)).toBe('parked')
    expect(await status(second.id)).toBe('called')

    // A served resident: finishing is offered, and the console tells it and that nobody waits.
    await press('start', { ticketId: second.id })
    shown = await press('call-next', { ticketId: second.id, outcome: 'finish' })
    expect(shown.html).toContain(`${second.number} finished. Nobody is waiting for this desk.`)
    expect(await status(second.id)).toBe('served')

    // A stale page (the ticket at the desk changed since) does nothing and says why.
    await press('resume', { ticketId: first.id })
    shown = await press('call-next', { ticketId: second.id, outcome: 'no-show' })
    expect(shown.html).toContain('The ticket at your desk changed since the page was shown')
    expect(await status(first.id)).toBe('called')
  })

  it('speaks to the clerk in the console’s language, refusals included', async () => {
    const { q, page, press } = await console_()
    const ticket = await q.issue({ queueId: q.queues.A, priority: 'disability' })
    const deskId = /name="deskId" value="([^"]+)"/.exec(await page())![1]!
    await press('open', { deskId })
    const called = await press('call-next')
    const inUkrainian = await page(`${called.to.slice('/staff/desk'.length)}&lang=uk`)
    expect(inUkrainian).toContain('Особа з інвалідністю')
    expect(inUkrainian).toContain(`${ticket.number} викликано до: Window 11.`)
    await press('finish', { ticketId: ticket.id })
    const shown = await press('finish', { ticketId: ticket.id })
    const uk = await page(`${shown.to.slice('/staff/desk'.length)}&lang=uk`)
    expect(uk).toContain('Не виконано: Талон змінився, відколи сторінку було показано.')
    const pl = await page(`${shown.to.slice('/staff/desk'.length)}&lang=pl`)
    expect(pl).toContain('Nie wykonano: Numer zmienił się od wyświetlenia strony.')
  })
})
