import type { LightMyRequestResponse as Response } from 'fastify'
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { demoBearers, demoOffices, officeBody, unique } from '../support/factories.js'
import { lvivFrontOffice } from '../support/queue.js'
import { problemOf, type TestApp, testApp } from '../support/test-app.js'

// Ten identical creates at once, five rounds: one is created, the others are told why not, never 500
// (on PostgreSQL the losers used to hit the unique constraint and answer 500; issue 10).
async function tenAtOnce(send: () => Promise<Response>) {
  const answers = await Promise.all(Array.from({ length: 10 }, send))
  return { answers, statuses: answers.map((a) => a.statusCode) }
}

function expectOneCreated(answers: Response[], code: string) {
  expect(
    answers.filter((a) => a.statusCode === 201),
    answers.map((a) => a.body).join('\n'),
  ).toHaveLength(1)
  const refused = answers.filter((a) => a.statusCode !== 201)
  expect(refused.map((a) => a.statusCode)).toEqual(Array(9).fill(409))
  expect(new Set(refused.map((a) => problemOf(a).code))).toEqual(new Set([code]))
}

describeEachDatabase('simultaneous identical creates', (dialect) => {
  const post = (app: TestApp, url: string, headers: object, payload: object) =>
    app.inject({ method: 'POST', url, headers: headers as Record<string, string>, payload })

  it('creates one office, unit, queue, desk, user and card of ten identical requests', async () => {
    const app = await testApp(dialect, { demo: true })
    const { admin, editor } = await demoBearers(app)
    const lviv = (await demoOffices(app))['LVIV-CNAP']!.id
    for (let round = 0; round < 5; round++) {
      const code = unique('RACE-')
      expectOneCreated(
        (await tenAtOnce(() => post(app, '/api/v1/offices', admin, officeBody(code)))).answers,
        'OFFICE_CODE_TAKEN',
      )
      const unitCode = `R${round}${unique()}`
      expectOneCreated(
        (
          await tenAtOnce(() =>
            post(app, `/api/v1/offices/${lviv}/units`, admin, {
              code: unitCode,
              name: { uk: 'Відділ', pl: 'Wydział', en: 'Department' },
            }),
          )
        ).answers,
        'UNIT_CODE_TAKEN',
      )
      const prefix = String.fromCharCode(67 + round)
      expectOneCreated(
        (
          await tenAtOnce(() =>
            post(app, `/api/v1/offices/${lviv}/queues`, admin, {
              prefix,
              name: { uk: `Черга ${prefix}`, pl: `Kolejka ${prefix}`, en: `Queue ${prefix}` },
            }),
          )
        ).answers,
        'QUEUE_PREFIX_TAKEN',
      )
      const desk = `Race desk ${unique()}`
      expectOneCreated(
        (await tenAtOnce(() => post(app, `/api/v1/offices/${lviv}/desks`, admin, { name: desk }))).answers,
        'DESK_NAME_TAKEN',
      )
      const login = `race-user-${unique()}`
      expectOneCreated(
        (
          await tenAtOnce(() =>
            post(app, '/api/v1/users', admin, {
              login,
              password: 'a-long-enough-password',
              name: 'Race',
              roles: [{ role: 'consultant', officeId: lviv }],
            }),
          )
        ).answers,
        'LOGIN_TAKEN',
      )
      const card = `RACE-CARD-${unique()}`
      expectOneCreated(
        (
          await tenAtOnce(() =>
            post(app, '/api/v1/services', editor, {
              code: card,
              name: { uk: 'Послуга', pl: 'Usługa', en: 'Service' },
              description: { uk: 'Опис', pl: 'Opis', en: 'Description' },
            }),
          )
        ).answers,
        'SERVICE_CODE_TAKEN',
      )
    }
  })

  it('lets ten managers save the same desk queues at once', async () => {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    for (let round = 0; round < 5; round++) {
      const { answers } = await tenAtOnce(() =>
        app.inject({
          method: 'PUT',
          url: `/api/v1/desks/${q.desks.desk1}/queues`,
          headers: q.bearers.manager,
          payload: { queueIds: [q.queues.A, q.queues.B], weights: { [q.queues.A]: round + 1 } },
        }),
      )
      expect(
        answers.map((a) => a.statusCode),
        answers.map((a) => a.body).join('\n'),
      ).toEqual(Array(10).fill(200))
    }
    const desks = await app.inject({ url: `/api/v1/offices/${q.officeId}/desks`, headers: q.bearers.manager })
    const desk1 = desks.json().items.find((d: { id: string }) => d.id === q.desks.desk1)
    expect(desk1.queueIds.sort()).toEqual([q.queues.A, q.queues.B].sort())
    expect(desk1.weights[q.queues.A]).toBe(5)
  })

  it('lets ten managers give one desk different queues at once, and the desk ends with one of them', async () => {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    const choices = [[q.queues.A], [q.queues.B], [q.queues.B, q.queues.A], [q.queues.A, q.queues.B]]
    for (let round = 0; round < 5; round++) {
      let i = 0
      const { answers } = await tenAtOnce(() =>
        app.inject({
          method: 'PUT',
          url: `/api/v1/desks/${q.desks.desk1}/queues`,
          headers: q.bearers.manager,
          payload: { queueIds: choices[(round + i++) % choices.length] },
        }),
      )
      expect(
        answers.map((a) => a.statusCode),
        answers.map((a) => a.body).join('\n'),
      ).toEqual(Array(10).fill(200))
      const desks = await app.inject({
        url: `/api/v1/offices/${q.officeId}/desks`,
        headers: q.bearers.manager,
      })
      const desk1 = desks.json().items.find((d: { id: string }) => d.id === q.desks.desk1)
      const saved = choices.map((c) => [...c].sort().join())
      expect(saved).toContain([...desk1.queueIds].sort().join())
    }
  })
})
