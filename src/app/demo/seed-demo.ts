import { SYSTEM_ACTOR } from '../../modules/identity/index.js'
import { localDateOf } from '../../platform/timezone.js'
import type { Services } from '../build-app.js'
import { demoCatalogue } from './demo-catalogue.js'
import { DEMO_OFFICES, DEMO_USERS, demoPassword } from './demo-network.js'
import { DEMO_QUEUES } from './demo-queues.js'
import { seedClassifications, seedRecords } from './seed-records.js'

export interface SeedResult {
  offices: number
  cards: number
  users: { login: string; password: string; role: string; office: string | null }[]
}

/** Seeds the demo network into a database that has no offices yet; does nothing otherwise. */
export async function seedDemo(
  services: Services,
  onProgress?: (message: string) => void,
  /**
   * `catalogue: false` leaves the catalogue empty (tests of the catalogue itself); `queues: false`
   * leaves the front offices without queues (tests that set up their own); `records: false` seeds the
   * classifications but no letters or cases.
   */
  options: { catalogue?: boolean; queues?: boolean; records?: boolean } = {},
): Promise<SeedResult | null> {
  if ((await services.offices.countOffices()) > 0) return null
  const officeIds = new Map<string, string>()
  for (const demo of DEMO_OFFICES) {
    const office = await services.offices.createOfficeWithStructure(
      SYSTEM_ACTOR,
      demo.office,
      demo.units,
      demo.desks,
    )
    officeIds.set(office.code, office.id)
    onProgress?.(`office ${office.code}`)
  }
  const users: SeedResult['users'] = []
  // Accounts are made side by side: their argon2 hashing runs on libuv's thread pool, not one by one.
  const made = await Promise.all(
    DEMO_USERS.map(async (user) => {
      if (await services.users.userExists(user.login)) return null
      const password = demoPassword(user.login)
      await services.users.createUser(SYSTEM_ACTOR, {
        login: user.login,
        password,
        name: user.name,
        roles: [{ role: user.role, officeId: user.office ? (officeIds.get(user.office) ?? null) : null }],
      })
      onProgress?.(`user ${user.login}`)
      return { login: user.login, password, role: user.role, office: user.office }
    }),
  )
  users.push(...made.filter((u) => u !== null))
  // Queues (and desks serving all of them), so that a card can say which queue serves it where.
  const queueFor = new Map<string, string>()
  if (options.queues !== false) {
    for (const [code, officeId] of officeIds) {
      const queueIds: string[] = []
      for (const q of DEMO_QUEUES[code] ?? []) {
        const queue = await services.queue.createQueue(SYSTEM_ACTOR, officeId, {
          prefix: q.prefix,
          name: q.name,
        })
        queueIds.push(queue.id)
        for (const card of q.cards) queueFor.set(`${officeId} ${card}`, queue.id)
      }
      for (const desk of await services.queue.listDesks(SYSTEM_ACTOR, officeId))
        await services.queue.setDeskQueues(SYSTEM_ACTOR, desk.id, { queueIds })
      // Bookable mornings for the next days the office is open (its week, holidays, closures).
      const zone = DEMO_OFFICES.find((o) => o.office.code === code)?.office.timezone ?? 'UTC'
      for (let day = 1; day <= 10; day++) {
        const date = localDateOf(new Date(Date.now() + day * 86_400_000), zone)
        if (!queueIds[0] || (await services.offices.hoursOn(officeId, date)).spans.length === 0) continue
        await services.appointments.createSlots(SYSTEM_ACTOR, officeId, {
          queueId: queueIds[0],
          date,
          from: '09:00',
          to: '12:00',
          minutes: 20,
          capacity: 2,
        })
      }
    }
    onProgress?.('queues')
  }
  const cards =
    options.catalogue === false
      ? []
      : demoCatalogue(Object.fromEntries(officeIds), (card, officeId) => queueFor.get(`${officeId} ${card}`))
  for (const card of cards) {
    const created = await services.catalogue.createService(SYSTEM_ACTOR, card)
    await services.catalogue.publish(SYSTEM_ACTOR, created.id)
  }
  onProgress?.(`catalogue: ${cards.length} cards`)
  await seedClassifications(services, officeIds)
  const lublin = officeIds.get('LUB-BOM')
  if (options.records !== false && lublin) await seedRecords(services, lublin, onProgress)
  return { offices: DEMO_OFFICES.length, users, cards: cards.length }
}
