import type { LightMyRequestResponse as Response } from 'fastify'
import { expect } from 'vitest'
import { demoBearers, demoOffices } from './factories.js'
import type { TestApp } from './test-app.js'

type Auth = { authorization: string }

/**
 * A front office in the demo's Lviv centre (Europe/Kyiv), made through the API: queues A and B,
 * desks for the manager and the consultant serving both, and their bearer tokens.
 */
export async function lvivFrontOffice(app: TestApp) {
  const offices = await demoOffices(app)
  const bearers = await demoBearers(app)
  const officeId = offices['LVIV-CNAP']!.id
  const post = (url: string, headers: Auth, payload?: unknown): Promise<Response> =>
    app.inject({
      method: 'POST',
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
  const queue = async (prefix: string, en: string) => {
    const res = await post(`/api/v1/offices/${officeId}/queues`, bearers.manager, {
      prefix,
      name: { uk: `Черга ${prefix}`, pl: `Kolejka ${prefix}`, en },
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<{ id: string }>().id
  }
  const A = await queue('A', 'Passports')
  const B = await queue('B', 'Social services')
  const desk = async (name: string, queueIds: string[]) => {
    const res = await post(`/api/v1/offices/${officeId}/desks`, bearers.manager, { name, queueIds })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<{ id: string }>().id
  }
  const desk1 = await desk('Window 11', [A, B])
  const desk2 = await desk('Window 12', [A, B])
  const desk3 = await desk('Window 13', [A, B])

  const api = {
    officeId,
    queues: { A, B },
    desks: { desk1, desk2, desk3 },
    bearers,
    post,
    /** Issues a ticket (by the Lviv kiosk unless told) and returns its JSON. */
    async issue(body: Record<string, unknown>, headers: Auth = bearers.kiosk) {
      const res = await post(`/api/v1/offices/${officeId}/tickets`, headers, body)
      expect(res.statusCode, res.body).toBe(201)
      return res.json<Ticket>()
    },
    async open(deskId: string, who: Auth) {
      const res = await post(`/api/v1/desks/${deskId}/open`, who)
      expect(res.statusCode, res.body).toBe(200)
    },
    /** Calls next at a desk: the ticket, or null on 204. */
    async callNext(deskId: string, who: Auth) {
      const res = await post(`/api/v1/desks/${deskId}/call-next`, who)
      if (res.statusCode === 204) return null
      expect(res.statusCode, res.body).toBe(200)
      return res.json<Ticket & { reason: string }>()
    },
    async act(ticketId: string, action: string, who: Auth, payload?: unknown) {
      return post(`/api/v1/tickets/${ticketId}/${action}`, who, payload)
    },
    /** Sets the office's booking policy (check-in window, horizon) as its manager. */
    async appointmentPolicy(body: { earlyMinutes: number; lateMinutes: number; horizonDays: number }) {
      const res = await app.inject({
        method: 'PUT',
        url: `/api/v1/offices/${officeId}/appointment-policy`,
        headers: bearers.manager,
        payload: body,
      })
      expect(res.statusCode, res.body).toBe(200)
    },
    /** Books a visit to queue A (unless told) at `start`, as a resident does (no token): answer unchecked. */
    book(start: string, person: Record<string, unknown> = { name: 'Олена Петренко' }, queueId = A) {
      return app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        payload: { officeId, queueId, start, ...person },
      })
    },
    /** Opens slots of queue A (unless told) on a day: POST …/slots by the manager, answer unchecked. */
    openSlots(body: {
      date: string
      from: string
      to: string
      minutes: number
      capacity: number
      queueId?: string
    }) {
      return post(`/api/v1/offices/${officeId}/slots`, bearers.manager, { queueId: A, ...body })
    },
    async policy(body: Record<string, unknown>) {
      const res = await app.inject({
        method: 'PUT',
        url: `/api/v1/offices/${officeId}/queue-policy`,
        headers: bearers.manager,
        payload: body,
      })
      expect(res.statusCode, res.body).toBe(200)
      return res.json()
    },
  }
  return api
}

export interface Ticket {
  id: string
  number: string
  queueId: string
  status: string
  priority: string
  issuedAt: string
  arrivedAt: string
  calledAt?: string
  peopleAhead?: number
  estimatedWaitMinutes?: number
  recallCount: number
  transferCount: number
  deskId?: string
  localDate: string
}
