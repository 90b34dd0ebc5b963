import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { bearerFor, problemOf, testApp } from '../support/test-app.js'

describeEachDatabase('statutory terms', (dialect) => {
  it('gives the last day of a term with the steps that reached it, over the network calendar', async () => {
    const app = await testApp(dialect, { demo: true })
    const due = (query: string) => app.inject(`/api/v1/deadlines/due?${query}`)

    const christmas = await due('from=2025-12-10&term=P14D&calendar=PL')
    expect(christmas.statusCode, christmas.body).toBe(200)
    expect(christmas.json()).toMatchObject({
      from: '2025-12-10',
      term: 'P14D',
      calendar: 'PL',
      due: '2025-12-29',
    })
    expect(christmas.json().steps).toContainEqual({
      kind: 'day-off',
      date: '2025-12-24',
      name: 'Wigilia Bożego Narodzenia',
    })
    expect((await due('from=2024-12-10&term=P14D&calendar=PL')).json().due).toBe('2024-12-24')
    expect((await due('from=2025-01-31&term=P1M&calendar=PL')).json().due).toBe('2025-02-28')

    // A day the network closes is a day off for terms too.
    const coordinator = await bearerFor(app, 'demo-coordinator', 'demo-coordinator-pass')
    const closed = await app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/PL/days/2025-03-17',
      headers: coordinator,
      payload: { dayOff: true, name: 'Przeprowadzka urzędu' },
    })
    expect(closed.statusCode, closed.body).toBe(200)
    const moved = (await due('from=2025-03-03&term=P14D&calendar=PL')).json()
    expect(moved.due).toBe('2025-03-18')
    expect(moved.steps).toContainEqual({ kind: 'day-off', date: '2025-03-17', name: 'Przeprowadzka urzędu' })
  })

  it('counts Ukrainian terms with the days off as the network set them (suspended under martial law)', async () => {
    const app = await testApp(dialect, { demo: true })
    const year = (await app.inject('/api/v1/calendar/UA/2025')).json<{
      items: { date: string; dayOff: boolean }[]
    }>()
    const christmas = year.items.find((d) => d.date === '2025-12-25')
    const due = (await app.inject('/api/v1/deadlines/due?from=2025-12-11&term=P14D&calendar=UA')).json()
    // 25 December 2025 is a Thursday: the term ends then unless the calendar makes it a day off.
    expect(due.due).toBe(christmas?.dayOff ? '2025-12-26' : '2025-12-25')
  })

  it('refuses a term it cannot count, and an unknown calendar, naming the field', async () => {
    const app = await testApp(dialect, { demo: true })
    for (const [query, field] of [
      ['from=2025-01-01&term=P1Y&calendar=PL', 'term'],
      ['from=2025-01-01&term=P0D&calendar=PL', 'term'],
      ['from=2025-02-30&term=P1D&calendar=PL', 'from'],
      ['from=2025-01-01&term=P1D&calendar=DE', 'calendar'],
    ]) {
      const res = await app.inject(`/api/v1/deadlines/due?${query}`)
      expect(res.statusCode, query).toBe(422)
      expect(problemOf(res).errors?.[0]?.path ?? '', query).toContain(field)
    }
  })
})

describeEachDatabase('the term calculator page', (dialect) => {
  it('counts a term on a page without JavaScript, each step in words, in three languages', async () => {
    const app = await testApp(dialect, { demo: true })
    const en = await app.inject('/deadlines?lang=en&from=2025-12-10&amount=14&unit=D&calendar=PL')
    expect(en.statusCode).toBe(200)
    expect(en.body).toContain('The last day is Monday, December 29, 2025.')
    expect(en.body).toContain(
      'Wednesday, December 24, 2025 is a day off (Wigilia Bożego Narodzenia): the term moves on.',
    )
    expect(en.body).toContain('Saturday, December 27, 2025 is a Saturday: the term moves on.')
    const pl = await app.inject('/deadlines?lang=pl&from=2025-01-31&amount=1&unit=M&calendar=PL')
    expect(pl.body).toContain('Ten miesiąc nie ma takiego dnia: jego ostatni dzień, piątek, 28 lutego 2025.')
    const uk = await app.inject('/deadlines?lang=uk&from=2025-03-05&amount=2&unit=W&calendar=UA')
    expect(uk.body).toContain('той самий день тижня')
    const bad = await app.inject('/deadlines?lang=en&from=2025-02-30&amount=0&unit=D&calendar=PL')
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('Give the day as on a calendar.')
    expect(bad.body).toContain('Give a whole number from 1 to 999.')
  })
})
