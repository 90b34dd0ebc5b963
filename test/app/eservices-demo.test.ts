import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { eservicesWorld, residentByEmail } from '../support/eservices.js'
import { problemOf } from '../support/test-app.js'

describeEachDatabase('the demo e-services', (dialect) => {
  it('Lublin’s request for public information and the Lviv centres’ certificate are applied for with an e-mail; the meldunek needs a verified identity', async () => {
    const { app, smtp, bearers, offices } = await eservicesWorld(dialect, { demoCatalogue: true })
    const resident = await residentByEmail(app, smtp, 'demo@example.org')
    const year = new Date().getUTCFullYear()

    const info = await resident.send('/api/v1/applications', {
      service: 'PL-PUBLIC-INFO',
      officeId: offices['LUB-BOM']!.id,
      language: 'pl',
      name: 'Jan Nowak',
      answers: { subject: 'Rejestr umów urzędu za 2026 r.', form: 'paper', address: 'ul. Lipowa 2, Lublin' },
    })
    expect(info.statusCode, info.body).toBe(201)
    expect(info.json()).toMatchObject({
      number: `RPW/1/${year}`,
      caseSign: `OR.016.1.${year}`,
      receipt: { sealed: true },
    })

    const cert = await resident.send('/api/v1/applications', {
      service: 'UA-RESIDENTS-CERT',
      officeId: offices['LVIV-CNAP']!.id,
      language: 'uk',
      name: 'Олена Коваль',
      answers: {
        rnokpp: '3184710691',
        address: 'вул. Городоцька, 15, кв. 4, Львів',
        for: 'subsidy',
        truth: 'true',
      },
    })
    expect(cert.statusCode, cert.body).toBe(201)
    expect(cert.json<{ receipt: { sealed: boolean } }>().receipt.sealed).toBe(true)
    // The Lviv centre's own register and case: its numbering, its nomenclature.
    const lvivRegister = await app.inject({
      url: `/api/v1/offices/${offices['LVIV-CNAP']!.id}/incoming`,
      headers: bearers.admin,
    })
    expect(lvivRegister.json<{ items: { channel: string }[] }>().items).toMatchObject([
      { channel: 'eservice' },
    ])

    const meldunek = await resident.send('/api/v1/applications', {
      service: 'PL-RESIDENCE',
      officeId: offices['LUB-BOM']!.id,
      language: 'pl',
      answers: {},
    })
    expect(meldunek.statusCode).toBe(403)
    expect(problemOf(meldunek).code).toBe('ACCOUNT_REQUIRED')
  })

  it('lists on the resident’s page the visits booked with their confirmed address, and no one else’s', async () => {
    const { app, smtp, bearers, offices } = await eservicesWorld(dialect)
    const lviv = offices['LVIV-CNAP']!.id
    const queue = await app.inject({
      method: 'POST',
      url: `/api/v1/offices/${lviv}/queues`,
      headers: bearers.manager,
      payload: { prefix: 'ZZ', name: { uk: 'Черга', pl: 'Kolejka', en: 'Queue' } },
    })
    const queueId = queue.json<{ id: string }>().id
    const day = new Date(Date.now() + 7 * 86_400_000)
    while ([0, 6].includes(day.getUTCDay())) day.setUTCDate(day.getUTCDate() + 1)
    const slots = await app.inject({
      method: 'POST',
      url: `/api/v1/offices/${lviv}/slots`,
      headers: bearers.manager,
      payload: {
        queueId,
        date: day.toISOString().slice(0, 10),
        from: '09:00',
        to: '11:00',
        minutes: 30,
        capacity: 2,
      },
    })
    const starts = slots.json<{ items: { start: string }[] }>().items.map((s) => s.start)
    const book = (email: string, start: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        payload: { officeId: lviv, queueId, start, name: 'Olena', email },
      })
    const mine = await book('Olena@Example.org', starts[0]!)
    expect(mine.statusCode, mine.body).toBe(201)
    expect((await book('someone@example.org', starts[1]!)).statusCode).toBe(201)
    const resident = await residentByEmail(app, smtp, 'olena@example.org')
    const page = await resident.session.get('/my?lang=en')
    expect(page.body).toContain(`/appointments/${mine.json<{ id: string }>().id}`)
    expect(page.body).toContain(mine.json<{ code: string }>().code)
    expect(page.body.match(/\/appointments\//g)).toHaveLength(1)
  })
})
