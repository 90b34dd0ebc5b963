// Seeds a national network for the network-day benchmark: `node --import tsx bench/seed-network.ts
// <offices> <manifest.json>` with the server's environment (DATABASE_URL). Each office (its local time
// set to mid-morning now, so the day's peak is now) gets queues A and B and 5–20 desks serving both;
// every desk a clerk, signed in and at their desk; every office a kiosk; every tenth office bookings
// for the next hours. Offices, queues, desks, desk opening and bookings go through the services (as
// an administrator would make them, audited); the thousands of clerk accounts and their tokens are
// written straight through Kysely, copied from one account made properly (its argon2 hash would
// take ≈40 min for 50,000). The manifest names what the driver needs: offices, queues, desks with
// their clerks' tokens, kiosk tokens, booking codes. (Rows read and written here are camelCased by
// the database handle, as everywhere in Ratusz.)
import { createHash, randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { buildApp } from '../src/app/build-app.js'
import { DEMO_OFFICES } from '../src/app/demo/demo-network.js'
import { migrate, openConfiguredDatabase } from '../src/app/prepare.js'
import { type Actor, SYSTEM_ACTOR } from '../src/modules/identity/index.js'
import { loadConfig } from '../src/platform/config.js'

const OFFICES = Number(process.argv[2] ?? 4000)
const MANIFEST = process.argv[3] ?? 'network.json'
const BOOKING_EVERY = 10
const BOOKINGS_PER_OFFICE = 20

const config = { ...loadConfig(), demo: false, runJobs: false }
const database = openConfiguredDatabase(config)
await migrate(database)
const app = await buildApp({ config, database, logger: false })
const { services } = app
const db = database.db
const started = Date.now()
const say = (line: string) =>
  process.stderr.write(`[seed ${((Date.now() - started) / 1000).toFixed(0)} s] ${line}\n`)

// A zone whose local time is about 10:00 now: the benchmark's "now" is the morning peak.
const utcHour = new Date().getUTCHours()
const offset = ((10 - utcHour + 36) % 24) - 12
const timezone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`
const localToday = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date())
const template = DEMO_OFFICES.find((o) => o.office.code === 'LVIV-CNAP')!.office
const allDay = { from: '00:00', to: '23:59' }
const hours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [allDay]]))

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url')

// One clerk made properly: its row, its grant and its session are the shape the others copy.
await services.offices.createOfficeWithStructure(
  SYSTEM_ACTOR,
  { ...template, code: 'ND-TEMPLATE', openingHours: hours as never, timezone },
  [],
  [],
)
const templateOffice = (await services.offices.listPublicOffices()).find((o) => o.code === 'ND-TEMPLATE')!
await services.users.createUser(SYSTEM_ACTOR, {
  login: 'nd-template',
  password: 'nd-template-password',
  name: 'Template clerk',
  roles: [{ role: 'consultant', officeId: templateOffice.id }],
})
const signedIn = await services.signIn.login({
  login: 'nd-template',
  password: 'nd-template-password',
  address: '127.0.0.1',
})
const userRow = await db
  .selectFrom('users' as never)
  .selectAll()
  .where('login' as never, '=', 'nd-template' as never)
  .executeTakeFirstOrThrow()
const grantRow = await db
  .selectFrom('role_grants' as never)
  .selectAll()
  .where('userId' as never, '=', (userRow as { id: string }).id as never)
  .executeTakeFirstOrThrow()
const tokenRow = await db
  .selectFrom('auth_tokens' as never)
  .selectAll()
  .where('tokenHash' as never, '=', sha256(signedIn.token) as never)
  .executeTakeFirstOrThrow()

/** One office as the manifest names it for the driver (bench/scenarios/network-day.ts). */
export interface OfficeOut {
  id: string
  code: string
  queues: { A: string; B: string }
  kiosk: string
  desks: { id: string; token: string }[]
  bookings: string[]
}
const out: OfficeOut[] = []
const users: Record<string, unknown>[] = []
const grants: Record<string, unknown>[] = []
const tokens: Record<string, unknown>[] = []
const farFuture = new Date(Date.now() + 7 * 86_400_000).toISOString()
function account(officeId: string, login: string, role: string): string {
  const id = randomUUID()
  const token = `nd-${randomUUID()}`
  users.push({ ...(userRow as object), id, login, name: login })
  grants.push({ ...(grantRow as object), id: randomUUID(), userId: id, role, officeId })
  tokens.push({
    ...(tokenRow as object),
    id: randomUUID(),
    userId: id,
    tokenHash: sha256(token),
    expiresAt: farFuture,
  })
  return token
}

const name = (i: number) => ({ uk: `ЦНАП №${i}`, pl: `Urząd nr ${i}`, en: `Centre no. ${i}` })
for (let i = 0; i < OFFICES; i++) {
  const desks = 5 + (i % 16)
  const office = await services.offices.createOfficeWithStructure(
    SYSTEM_ACTOR,
    { ...template, code: `ND-${i}`, name: name(i), openingHours: hours as never, timezone },
    [],
    Array.from({ length: desks }, (_, d) => `Вікно ${d + 1}`),
  )
  const A = await services.queue.createQueue(SYSTEM_ACTOR, office.id, { prefix: 'A', name: name(i) })
  const B = await services.queue.createQueue(SYSTEM_ACTOR, office.id, { prefix: 'B', name: name(i) })
  const deskRows = await services.queue.listDesks(SYSTEM_ACTOR, office.id)
  const entry: OfficeOut = {
    id: office.id,
    code: office.code,
    queues: { A: A.id, B: B.id },
    kiosk: account(office.id, `nd-kiosk-${i}`, 'kiosk'),
    desks: [],
    bookings: [],
  }
  for (const [d, desk] of deskRows.entries()) {
    await services.queue.setDeskQueues(SYSTEM_ACTOR, desk.id, { queueIds: [A.id, B.id] })
    entry.desks.push({ id: desk.id, token: account(office.id, `nd-clerk-${i}-${d}`, 'consultant') })
  }
  out.push(entry)
  if (i % 250 === 0) say(`${i + 1}/${OFFICES} offices`)
}
for (let i = 0; i < users.length; i += 500) {
  await db
    .insertInto('users' as never)
    .values(users.slice(i, i + 500) as never)
    .execute()
  await db
    .insertInto('role_grants' as never)
    .values(grants.slice(i, i + 500) as never)
    .execute()
  await db
    .insertInto('auth_tokens' as never)
    .values(tokens.slice(i, i + 500) as never)
    .execute()
}
say(`${users.length} accounts`)

// Every clerk at their desk, ten at a time (the pool's size).
const desks = out.flatMap((o) => o.desks)
for (let i = 0; i < desks.length; i += 10)
  await Promise.all(
    desks.slice(i, i + 10).map(async (desk) => {
      const actor = (await services.signIn.authenticate(desk.token)) as Actor
      await services.queue.openDesk(actor, desk.id)
    }),
  )
say(`${desks.length} desks open`)

// Bookings for the next three hours in every tenth office, checked in during the day.
const now = new Date()
const local = new Intl.DateTimeFormat('en-GB', {
  timeZone: timezone,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})
const [h, m] = local
  .format(new Date(now.getTime() + 10 * 60_000))
  .split(':')
  .map(Number) as [number, number]
const from = `${String(h).padStart(2, '0')}:${String(m - (m % 5)).padStart(2, '0')}`
const to = h + 3 < 24 ? `${String(h + 3).padStart(2, '0')}:00` : '23:55'
for (const [i, o] of out.entries()) {
  if (i % BOOKING_EVERY !== 0) continue
  await services.appointments.putPolicy(SYSTEM_ACTOR, o.id, {
    earlyMinutes: 240,
    lateMinutes: 240,
    horizonDays: 30,
  })
  const slots = await services.appointments.createSlots(SYSTEM_ACTOR, o.id, {
    queueId: o.queues.A,
    date: localToday,
    from,
    to,
    minutes: 10,
    capacity: 2,
  })
  for (const [b, slot] of slots.slice(0, BOOKINGS_PER_OFFICE / 2).entries())
    for (const k of [0, 1]) {
      const booked = await services.appointments.book({
        officeId: o.id,
        queueId: o.queues.A,
        start: slot.start,
        name: `Мешканець ${b}-${k}`,
      })
      o.bookings.push(booked.code)
    }
}
say(`${out.reduce((n, o) => n + o.bookings.length, 0)} bookings`)

writeFileSync(MANIFEST, JSON.stringify({ timezone, localToday, offices: out }))
say(`manifest ${MANIFEST}`)
await app.close()
await database.close()
