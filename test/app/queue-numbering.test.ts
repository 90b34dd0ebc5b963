import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { describeEachDatabase } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { bearerFor, problemOf, testApp } from '../support/test-app.js'

describeEachDatabase('queue numbering', (dialect) => {
  it('numbers per queue and restarts at local midnight in the office’s timezone, not UTC', async () => {
    // 23:50 in Lviv (Europe/Kyiv, UTC+2 in winter) is 21:50 UTC.
    const clock = new FixedClock('2026-11-25T21:50:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    expect((await q.issue({ queueId: q.queues.A })).number).toBe('A001')
    expect((await q.issue({ queueId: q.queues.A })).number).toBe('A002')
    expect((await q.issue({ queueId: q.queues.B })).number).toBe('B001')
    clock.set('2026-11-25T22:00:30Z') // 00:00:30 on the 26th in Lviv, still the 25th in UTC
    const next = await q.issue({ queueId: q.queues.A })
    expect(next).toMatchObject({ number: 'A001', localDate: '2026-11-26' })
  })

  it('neither resets nor skips numbers on the days clocks change', async () => {
    // Spring: 2026-03-29 in Kyiv, 03:00 → 04:00 (01:00 UTC).
    const clock = new FixedClock('2026-03-28T22:30:00Z') // 00:30 local, the 29th
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    const numbers: string[] = []
    for (const at of [
      '2026-03-28T22:30:00Z',
      '2026-03-29T00:59:00Z',
      '2026-03-29T01:01:00Z',
      '2026-03-29T08:00:00Z',
    ]) {
      clock.set(at)
      const t = await q.issue({ queueId: q.queues.A })
      expect(t.localDate).toBe('2026-03-29')
      numbers.push(t.number)
    }
    expect(numbers).toEqual(['A001', 'A002', 'A003', 'A004'])
    clock.set('2026-03-29T21:00:00Z') // midnight in summer time (UTC+3); the kiosk signs in again
    const kiosk = await bearerFor(app, 'demo-kiosk-lviv', 'demo-kiosk-lviv-pass')
    expect((await q.issue({ queueId: q.queues.A }, kiosk)).number).toBe('A001')
  })

  it('keeps counting through the autumn hour that happens twice', async () => {
    // Autumn: 2026-10-25 in Kyiv, 04:00 → 03:00; 03:30 local happens at 00:30 and 01:30 UTC.
    const clock = new FixedClock('2026-10-25T00:30:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    expect((await q.issue({ queueId: q.queues.A })).number).toBe('A001')
    clock.set('2026-10-25T01:30:00Z')
    const again = await q.issue({ queueId: q.queues.A })
    expect(again).toMatchObject({ number: 'A002', localDate: '2026-10-25' })
  })

  it('gives 50 kiosks issuing at the same instant 50 different numbers with no gap', async () => {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    const tickets = await Promise.all(Array.from({ length: 50 }, () => q.issue({ queueId: q.queues.A })))
    const numbers = tickets.map((t) => t.number).sort()
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`))
  })

  it('gives back the same ticket for the same Idempotency-Key, even sent twice at once', async () => {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    const send = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/offices/${q.officeId}/tickets`,
        headers: { ...q.bearers.kiosk, 'idempotency-key': 'kiosk-1-press-77' },
        payload: { queueId: q.queues.A },
      })
    const [a, b] = await Promise.all([send(), send()])
    const c = await send()
    expect(a.json().id).toBe(b.json().id)
    expect(c.json().id).toBe(a.json().id)
    expect((await q.issue({ queueId: q.queues.A })).number).toBe('A002')
  })

  it('refuses a queue of another office, an unknown priority, and a role that may not issue', async () => {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    const lublinQueue = await app.inject({
      method: 'POST',
      url: `/api/v1/offices/${
        (await app.inject({ url: '/api/v1/offices', headers: q.bearers.admin }))
          .json<{ items: { id: string; code: string }[] }>()
          .items.find((o: { code: string }) => o.code === 'LUB-BOM')!.id
      }/queues`,
      headers: q.bearers.admin,
      payload: { prefix: 'L', name: { uk: 'Л', pl: 'L', en: 'L' } },
    })
    const foreign = await q.post(`/api/v1/offices/${q.officeId}/tickets`, q.bearers.kiosk, {
      queueId: lublinQueue.json().id,
    })
    expect(foreign.statusCode).toBe(422)
    expect(problemOf(foreign).errors?.[0]?.path).toBe('body.queueId')
    const unknown = await q.post(`/api/v1/offices/${q.officeId}/tickets`, q.bearers.kiosk, {
      queueId: q.queues.A,
      priority: 'astronaut',
    })
    expect(unknown.statusCode).toBe(422)
    expect(problemOf(unknown).errors?.[0]?.path).toBe('body.priority')
    const editor = await q.post(`/api/v1/offices/${q.officeId}/tickets`, q.bearers.editor, {
      queueId: q.queues.A,
    })
    expect(editor.statusCode).toBe(403)
    const badPolicy = await app.inject({
      method: 'PUT',
      url: `/api/v1/offices/${q.officeId}/queue-policy`,
      headers: q.bearers.manager,
      payload: { maxPriorityInRow: 2, maxWaitMinutes: null, priorities: ['none', 'disability'] },
    })
    expect(badPolicy.statusCode).toBe(422)
    expect(problemOf(badPolicy).errors?.[0]?.path).toBe('body.priorities')
  })
})
