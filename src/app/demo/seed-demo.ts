import { SYSTEM_ACTOR } from '../../modules/identity/index.js'
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
      // Every queue bookable on working days, set up as a centre would on its booking page: weekly
      // templates open the slots over the horizon (and every night as it moves on), skipping
      // holidays and closures.
      for (const queueId of queueIds)
        await services.slotTemplates.addTemplate(SYSTEM_ACTOR, officeId, {
          queueId,
          weekdays: [1, 2, 3, 4, 5],
          from: '09:00',
          to: '16:00',
          minutes: 20,
          capacity: 2,
        })
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
