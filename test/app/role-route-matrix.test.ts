import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { ROLES, type Role } from '../../src/modules/identity/index.js'
import { CASES_CASES, type CasesCtx, casesMatrixContext } from '../support/cases-matrix.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoSeals } from '../support/demo-seals.js'
import { demoBearers, demoOffices, officeBody } from '../support/factories.js'
import { answerChecker } from '../support/openapi-answers.js'
import { multipart } from '../support/registry.js'
import { REGISTRY_CASES, type RegistryCtx, registryMatrixContext } from '../support/registry-matrix.js'
import { problemOf, testApp } from '../support/test-app.js'

/**
 * Who may call what. The demo network grants: admin, coordinator and editor network-wide; manager,
 * consultant and kiosk in Lviv; chancellery, officer and head in Lublin. Each case targets Lviv, so a
 * Lublin role is refused by office scope, a Lviv role by its role.
 */
interface Case {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** Route template as in the OpenAPI document. */
  route: string
  allowed: readonly Role[]
  request: (
    ctx: Ctx,
    role: Role,
    i: number,
  ) => { url: string; payload?: unknown; headers?: Record<string, string> }
}

interface Ctx {
  lviv: string
  lublin: string
  consultantId: string
  /** Per role: a draft card to publish and a published card to withdraw. */
  drafts: Record<string, string>
  published: Record<string, string>
  /** A queue and a desk in Lviv, and one desk per role for opening and calling. */
  lvivQueue: string
  lvivDesk: string
  desks: Record<string, string>
  /** Per role: a job that failed, to try again. */
  failedJobs: Record<string, string>
  /** A ticket issued in Lviv. */
  lvivTicket: string
  /** Per role: a weekly slot template in Lviv to remove. */
  templates: Record<string, string>
  /** Lublin's registers (the demo's chancellery office). */
  registry: RegistryCtx
  /** Lublin's classification and cases. */
  cases: CasesCtx
}

/** Two letters, unique for each case number: a queue prefix. */
const prefixOf = (i: number) => String.fromCharCode(65 + (i % 26), 65 + (Math.floor(i / 26) % 26))
const lvivWorkers: Role[] = ['admin', 'manager', 'consultant']

const everyone = ROLES
const lvivReaders: Role[] = ['admin', 'coordinator', 'editor', 'manager', 'consultant', 'kiosk']
const lvivManagers: Role[] = ['admin', 'manager']
/** A day of its own per role (a day without bookings made, then taken back). */
const dayOf = (r: Role) => `2099-03-${String(10 + ROLES.indexOf(r)).padStart(2, '0')}`

const CASES: Case[] = [
  { method: 'GET', route: '/api/v1/offices', allowed: everyone, request: () => ({ url: '/api/v1/offices' }) },
  {
    method: 'POST',
    route: '/api/v1/offices',
    allowed: ['admin'],
    request: (_c, _r, i) => ({ url: '/api/v1/offices', payload: officeBody(`MATRIX-${i}`) }),
  },
  {
    method: 'GET',
    route: '/api/v1/offices/{id}',
    allowed: lvivReaders,
    request: (c) => ({ url: `/api/v1/offices/${c.lviv}` }),
  },
  {
    method: 'PATCH',
    route: '/api/v1/offices/{id}',
    allowed: lvivManagers,
    request: (c) => ({
      url: `/api/v1/offices/${c.lviv}`,
      payload: { contact: { phone: '+380 32 000 0000' } },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/offices/{id}/units',
    allowed: lvivReaders,
    request: (c) => ({ url: `/api/v1/offices/${c.lviv}/units` }),
  },
  {
    method: 'POST',
    route: '/api/v1/offices/{id}/units',
    allowed: lvivManagers,
    request: (c, _r, i) => ({
      url: `/api/v1/offices/${c.lviv}/units`,
      payload: { code: `M${i}`, name: { uk: 'Відділ', pl: 'Wydział', en: 'Unit' } },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/offices/{id}/desks',
    allowed: lvivReaders,
    request: (c) => ({ url: `/api/v1/offices/${c.lviv}/desks` }),
  },
  {
    method: 'POST',
    route: '/api/v1/offices/{id}/desks',
    allowed: lvivManagers,
    request: (c, _r, i) => ({
      url: `/api/v1/offices/${c.lviv}/desks`,
      payload: { name: `Matrix desk ${i}` },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/offices/{id}/hours-exceptions',
    allowed: lvivReaders,
    request: (c) => ({ url: `/api/v1/offices/${c.lviv}/hours-exceptions` }),
  },
  {
    method: 'PUT',
    route: '/api/v1/offices/{id}/hours-exceptions/{date}',
    allowed: lvivManagers,
    request: (c, _r, i) => ({
      url: `/api/v1/offices/${c.lviv}/hours-exceptions/2026-12-${String((i % 28) + 1).padStart(2, '0')}`,
      payload: { hours: [], reason: 'Matrix' },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/users',
    allowed: ['admin', 'coordinator', 'manager'],
    request: () => ({ url: '/api/v1/users' }),
  },
  {
    method: 'POST',
    route: '/api/v1/users',
    allowed: lvivManagers,
    request: (c, _r, i) => ({
      url: '/api/v1/users',
      payload: {
        login: `matrix-${i}`,
        password: 'a-long-password-1',
        name: 'Matrix',
        roles: [{ role: 'consultant', officeId: c.lviv }],
      },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/users/{id}',
    allowed: ['admin', 'coordinator', 'manager'],
    request: (c) => ({ url: `/api/v1/users/${c.consultantId}` }),
  },
  {
    method: 'PATCH',
    route: '/api/v1/users/{id}',
    allowed: lvivManagers,
    request: (c, r) => ({ url: `/api/v1/users/${c.consultantId}`, payload: { name: `Renamed by ${r}` } }),
  },
  {
    method: 'POST',
    route: '/api/v1/users/{id}/unlock',
    allowed: lvivManagers,
    request: (c) => ({ url: `/api/v1/users/${c.consultantId}/unlock` }),
  },
  {
    method: 'GET',
    route: '/api/v1/audit',
    allowed: ['admin', 'coordinator', 'manager'],
    request: () => ({ url: '/api/v1/audit' }),
  },
  {
    method: 'GET',
    route: '/api/v1/audit/verify',
    allowed: ['admin', 'coordinator', 'manager'],
    request: () => ({ url: '/api/v1/audit/verify' }),
  },
  {
    method: 'POST',
    route: '/api/v1/audit/anchors',
    allowed: ['admin', 'coordinator'],
    request: () => ({ url: '/api/v1/audit/anchors' }),
  },
  {
    method: 'GET',
    route: '/api/v1/audit/anchors/latest',
    allowed: ['admin', 'coordinator', 'manager'],
    request: () => ({ url: '/api/v1/audit/anchors/latest' }),
  },
  {
    method: 'POST',
    route: '/api/v1/services',
    allowed: ['admin', 'editor'],
    request: (_c, _r, i) => ({ url: '/api/v1/services', payload: cardBody(`MATRIX-${i}`) }),
  },
  {
    method: 'PUT',
    route: '/api/v1/services/{id}',
    allowed: ['admin', 'editor'],
    request: (c, r) => ({
      url: `/api/v1/services/${c.drafts[r]}`,
      payload: cardBody(`DRAFT-${r.toUpperCase()}`),
    }),
  },
  {
    method: 'POST',
    route: '/api/v1/services/{id}/publish',
    allowed: ['admin', 'editor'],
    request: (c, r) => ({ url: `/api/v1/services/${c.drafts[r]}/publish` }),
  },
  {
    method: 'POST',
    route: '/api/v1/services/{id}/withdraw',
    allowed: ['admin', 'editor'],
    request: (c, r) => ({ url: `/api/v1/services/${c.published[r]}/withdraw` }),
  },
  {
    method: 'GET',
    route: '/api/v1/services/{id}/history',
    allowed: ['admin', 'coordinator', 'manager', 'consultant', 'chancellery', 'officer', 'head', 'editor'],
    request: (c, r) => ({ url: `/api/v1/services/${c.drafts[r]}/history` }),
  },
  {
    method: 'GET',
    route: '/api/v1/services/{id}/diff',
    allowed: ['admin', 'coordinator', 'manager', 'consultant', 'chancellery', 'officer', 'head', 'editor'],
    request: (c, r) => ({ url: `/api/v1/services/${c.drafts[r]}/diff?from=1&to=1` }),
  },
  {
    method: 'POST',
    route: '/api/v1/offices/{id}/queues',
    allowed: lvivManagers,
    request: (c, _r, i) => ({
      url: `/api/v1/offices/${c.lviv}/queues`,
      payload: { prefix: prefixOf(i), name: { uk: 'Черга', pl: 'Kolejka', en: 'Queue' } },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/offices/{id}/queue-stats',
    allowed: ['admin', 'coordinator', 'manager'],
    request: (c) => ({ url: `/api/v1/offices/${c.lviv}/queue-stats` }),
  },
  {
    method: 'GET',
    route: '/api/v1/offices/{id}/queue-policy',
    allowed: lvivReaders,
    request: (c) => ({ url: `/api/v1/offices/${c.lviv}/queue-policy` }),
  },
  {
    method: 'PUT',
    route: '/api/v1/offices/{id}/queue-policy',
    allowed: lvivManagers,
    request: (c) => ({
      url: `/api/v1/offices/${c.lviv}/queue-policy`,
      payload: { maxPriorityInRow: 3, maxWaitMinutes: 40 },
    }),
  },
  {
    method: 'PUT',
    route: '/api/v1/desks/{id}/queues',
    allowed: lvivManagers,
    request: (c) => ({ url: `/api/v1/desks/${c.lvivDesk}/queues`, payload: { queueIds: [c.lvivQueue] } }),
  },
  {
    method: 'POST',
    route: '/api/v1/desks/{id}/open',
    allowed: lvivWorkers,
    request: (c, r) => ({ url: `/api/v1/desks/${c.desks[r]}/open` }),
  },
  {
    // Nothing waits yet: 204 for those who may call.
    method: 'POST',
    route: '/api/v1/desks/{id}/call-next',
    allowed: lvivWorkers,
    request: (c, r) => ({ url: `/api/v1/desks/${c.desks[r]}/call-next` }),
  },
  {
    method: 'POST',
    route: '/api/v1/desks/{id}/close',
    allowed: lvivWorkers,
    request: (c, r) => ({ url: `/api/v1/desks/${c.desks[r]}/close` }),
  },
  {
    method: 'PUT',
    route: '/api/v1/offices/{id}/appointment-policy',
    allowed: lvivManagers,
    request: (c) => ({
      url: `/api/v1/offices/${c.lviv}/appointment-policy`,
      payload: { earlyMinutes: 20, lateMinutes: 10, horizonDays: 30 },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/offices/{id}/slot-templates',
    allowed: lvivWorkers,
    request: (c) => ({ url: `/api/v1/offices/${c.lviv}/slot-templates` }),
  },
  {
    method: 'POST',
    route: '/api/v1/offices/{id}/slot-templates',
    allowed: lvivManagers,
    request: (c) => ({
      url: `/api/v1/offices/${c.lviv}/slot-templates`,
      payload: { queueId: c.lvivQueue, weekdays: [1], from: '17:00', to: '18:00', minutes: 30, capacity: 1 },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/v1/offices/{id}/slot-templates/{templateId}',
    allowed: lvivManagers,
    request: (c, r) => ({ url: `/api/v1/offices/${c.lviv}/slot-templates/${c.templates[r]}` }),
  },
  {
    method: 'GET',
    route: '/api/v1/offices/{id}/booking-exceptions',
    allowed: lvivWorkers,
    request: (c) => ({ url: `/api/v1/offices/${c.lviv}/booking-exceptions` }),
  },
  {
    method: 'PUT',
    route: '/api/v1/offices/{id}/booking-exceptions/{date}',
    allowed: lvivManagers,
    request: (c, r) => ({
      url: `/api/v1/offices/${c.lviv}/booking-exceptions/${dayOf(r)}`,
      payload: { reason: 'Matrix' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/v1/offices/{id}/booking-exceptions/{date}',
    allowed: lvivManagers,
    request: (c, r) => ({ url: `/api/v1/offices/${c.lviv}/booking-exceptions/${dayOf(r)}` }),
  },
  {
    method: 'GET',
    route: '/api/v1/offices/{id}/appointments',
    allowed: lvivWorkers,
    request: (c) => ({ url: `/api/v1/offices/${c.lviv}/appointments?date=2099-01-05` }),
  },
  {
    method: 'POST',
    route: '/api/v1/offices/{id}/slots',
    allowed: lvivManagers,
    request: (c) => ({
      url: `/api/v1/offices/${c.lviv}/slots`,
      payload: {
        queueId: c.lvivQueue,
        date: '2099-01-05',
        from: '09:00',
        to: '10:00',
        minutes: 15,
        capacity: 2,
      },
    }),
  },
  {
    method: 'POST',
    route: '/api/v1/offices/{id}/tickets',
    allowed: ['admin', 'manager', 'consultant', 'kiosk'],
    request: (c) => ({ url: `/api/v1/offices/${c.lviv}/tickets`, payload: { queueId: c.lvivQueue } }),
  },
  {
    method: 'GET',
    route: '/api/v1/tickets/{id}/history',
    allowed: lvivReaders,
    request: (c) => ({ url: `/api/v1/tickets/${c.lvivTicket}/history` }),
  },
  // The calendar is the network's: network-wide admins and the coordinator decide its days.
  {
    method: 'PUT',
    route: '/api/v1/calendar/{country}/days/{date}',
    allowed: ['admin', 'coordinator'],
    request: (_c, _r, i) => ({
      url: `/api/v1/calendar/UA/days/2027-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      payload: { dayOff: true, name: 'Matrix' },
    }),
  },
  // Background jobs are the whole network's: network-wide admins only.
  { method: 'GET', route: '/api/v1/jobs', allowed: ['admin'], request: () => ({ url: '/api/v1/jobs' }) },
  // The signature validator's trust store is the network's: its admins only.
  {
    method: 'GET',
    route: '/api/v1/trust/anchors',
    allowed: ['admin'],
    request: () => ({ url: '/api/v1/trust/anchors' }),
  },
  // An office's seal: its staff see which it has (409 while it has none); only its head seals with it.
  {
    method: 'GET',
    route: '/api/v1/offices/{officeId}/seal',
    allowed: ['admin', 'chancellery', 'officer', 'head'],
    request: (c) => ({ url: `/api/v1/offices/${c.lublin}/seal` }),
  },
  {
    method: 'POST',
    route: '/api/v1/offices/{officeId}/seal',
    allowed: ['head'],
    request: (c) => {
      const form = multipart('letter.xml', 'application/xml', Buffer.from('<letter>Matrix</letter>'))
      return { url: `/api/v1/offices/${c.lublin}/seal`, payload: form.payload, headers: form.headers }
    },
  },
  {
    method: 'POST',
    route: '/api/v1/jobs/{id}/retry',
    allowed: ['admin'],
    request: (c, role) => ({ url: `/api/v1/jobs/${c.failedJobs[role]}/retry` }),
  },
  // The correspondence registers of Lublin, where the demo's chancellery, officer and head work.
  ...CASES_CASES.map((c) => ({
    ...c,
    request: (ctx: Ctx, role: Role, i: number) => c.request(ctx.cases, role, i),
  })),
  ...REGISTRY_CASES.map((c) => ({
    ...c,
    request: (ctx: Ctx, role: Role, i: number) => c.request(ctx.registry, role, i),
  })),
]

/** Routes anyone may call without a token (they show staff more when a token is sent). */
const PUBLIC = new Set([
  'POST /api/v1/auth/login',
  'GET /api/v1/services',
  'GET /api/v1/services/{id}',
  'GET /api/v1/catalogue.jsonld',
  'GET /api/v1/offices/{id}/queues',
  'GET /api/v1/offices/{id}/board',
  'GET /api/v1/calendar/{country}/{year}',
  'GET /api/v1/deadlines/due',
  'GET /api/v1/deadlines/terms',
  'POST /api/v1/information-requests',
  'POST /api/v1/signatures/validate',
  'GET /api/v1/seals/demo-ca.crt',
  'GET /api/v1/forms/schema.json',
  'POST /api/v1/residents/sign-in-links',
  'GET /api/v1/applications/track',
  'POST /api/v1/receipts/verify',
  // Its applicant's (their session) or anyone's holding the number and tracking code: else 404.
  'GET /api/v1/receipts/{id}/sealed.xml',
  'GET /api/v1/receipts/{id}/receipt.pdf',
  'GET /api/v1/seals/demo-ca.crl',
  'GET /api/v1/information-requests/{code}',
  'GET /api/v1/offices/{id}/board/events',
  'GET /api/v1/tickets/{id}',
  'GET /api/v1/offices/{id}/slots',
  'POST /api/v1/appointments',
  'GET /api/v1/appointments/{id}.ics',
  'POST /api/v1/appointments/cancel',
  'GET /api/v1/appointments/by-code/{code}',
])

function cardBody(code: string) {
  const t = (x: string) => ({ uk: x, pl: x, en: x })
  return { code, name: t(`Card ${code}`), description: t('Matrix card') }
}

/** Routes anyone may call, or that act only on the caller's own account. */
const OPEN_OR_SELF = new Set([
  ...PUBLIC,
  'POST /api/v1/auth/logout',
  'GET /api/v1/me',
  'GET /api/v1/me/tokens',
  'POST /api/v1/me/tokens',
  'DELETE /api/v1/me/tokens/{id}',
  'POST /api/v1/me/totp',
  'POST /api/v1/me/totp/confirm',
  'PUT /api/v1/me/password',
  // A refusal is the case's step (its assignee and heads, through the case's rules), once per request:
  // covered with its 403 for another unit by information-requests.test.ts.
  'POST /api/v1/information-requests/{code}/refusal',
  // Retention needs closed cases whose years have passed and lists in each state: covered, with the
  // refusal of every route to an officer, by retention.test.ts (the office's managers and admins).
  'GET /api/v1/retention/eligible',
  'POST /api/v1/retention/destruction-lists',
  'GET /api/v1/retention/destruction-lists/{id}',
  'GET /api/v1/retention/destruction-lists/{id}/pdf',
  'POST /api/v1/retention/destruction-lists/{id}/consent',
  'POST /api/v1/retention/destruction-lists/{id}/destroy',
  'GET /api/v1/cases/{id}/transfer-package',
  'POST /api/v1/cases/{id}/transferred',
  // Adding a certificate (a multipart file) and removing one: network admins only, covered with an
  // officer's 403 and the audit by signatures-api.test.ts.
  'POST /api/v1/trust/anchors',
  'DELETE /api/v1/trust/anchors/{id}',
  // One's own notifications: reading another's is 404, covered by reminders.test.ts.
  'GET /api/v1/notifications',
  'POST /api/v1/notifications/{id}/read',
  // Disabling and enabling are covered by the isolation tests (they change who can sign in).
  'POST /api/v1/users/{id}/disable',
  'POST /api/v1/users/{id}/enable',
  // Import takes application/ld+json: covered by its own tests (cpsv-ap.test.ts), editors only.
  'POST /api/v1/services/import',
  // Renaming a unit and removing an exception need an object made first: covered by their own tests.
  'PATCH /api/v1/units/{id}',
  'DELETE /api/v1/offices/{id}/hours-exceptions/{date}',
  // Ticket actions need a ticket in the right state at the caller's own desk: covered, with their
  // refusals, by queue-calling.test.ts (same office policy as call-next, checked before the state).
  ...['call', 'recall', 'start', 'finish', 'no-show', 'park', 'resume', 'reactivate', 'transfer'].map(
    (a) => `POST /api/v1/tickets/{id}/${a}`,
  ),
  // A resident's own (their session cookie; staff tokens are not residents): without a session 401,
  // another resident's application 404; covered by eservices-applications.test.ts.
  'GET /api/v1/residents/me',
  'POST /api/v1/applications/document',
  'POST /api/v1/applications',
  'GET /api/v1/applications',
  'GET /api/v1/applications/{id}',
  'POST /api/v1/applications/{id}/answers',
  'GET /api/v1/letters',
  'GET /api/v1/letters/{id}/file',
  // Check-in needs a booking whose window is open: covered with its refusals by appointments.test.ts.
  'POST /api/v1/offices/{id}/check-in',
])

describeEachDatabase('role × route matrix', (dialect) => {
  it('lets every role call exactly the routes its grants allow, and refuses the rest with 403', async () => {
    const config = { dataDir: mkdtempSync(join(tmpdir(), 'ratusz-matrix-')) }
    const app = await testApp(dialect, { demo: true, config })
    await demoSeals(app, config)
    const offices = await demoOffices(app)
    const bearers = await demoBearers(app)
    const users = (await app.inject({ url: '/api/v1/users', headers: bearers.admin })).json<{
      items: { id: string; login: string }[]
    }>()
    const drafts: Record<string, string> = {}
    const published: Record<string, string> = {}
    for (const role of ROLES) {
      const draft = await app.inject({
        method: 'POST',
        url: '/api/v1/services',
        headers: bearers.editor,
        payload: cardBody(`DRAFT-${role.toUpperCase()}`),
      })
      drafts[role] = draft.json<{ id: string }>().id
      const pub = await app.inject({
        method: 'POST',
        url: '/api/v1/services',
        headers: bearers.editor,
        payload: cardBody(`PUB-${role.toUpperCase()}`),
      })
      published[role] = pub.json<{ id: string }>().id
      await app.inject({
        method: 'POST',
        url: `/api/v1/services/${published[role]}/publish`,
        headers: bearers.editor,
      })
    }
    const lviv = offices['LVIV-CNAP']!.id
    const lvivQueue = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/offices/${lviv}/queues`,
        headers: bearers.admin,
        payload: { prefix: 'Z', name: { uk: 'Черга', pl: 'Kolejka', en: 'Queue' } },
      })
    ).json<{ id: string }>().id
    const desk = async (name: string) =>
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/offices/${lviv}/desks`,
          headers: bearers.admin,
          payload: { name, queueIds: [lvivQueue] },
        })
      ).json<{ id: string }>().id
    const desks: Record<string, string> = {}
    for (const role of ROLES) desks[role] = await desk(`Desk of ${role}`)
    app.jobs.handle('matrix.refused', async () => {
      throw new Error('the far end refused')
    })
    const failedJobs: Record<string, string> = {}
    for (const role of ROLES)
      failedJobs[role] = (await app.services.jobs.enqueue(
        app.database.db,
        'matrix.refused',
        { role },
        { maxAttempts: 1 },
      ))!
    await app.jobs.runDue()
    const templates: Record<string, string> = {}
    for (const role of ROLES)
      templates[role] = (
        await app.inject({
          method: 'POST',
          url: `/api/v1/offices/${lviv}/slot-templates`,
          headers: bearers.admin,
          payload: {
            queueId: lvivQueue,
            weekdays: [7],
            from: '09:00',
            to: '10:00',
            minutes: 30,
            capacity: 1,
          },
        })
      ).json<{ id: string }>().id
    const registry = await registryMatrixContext(app, bearers.chancellery, offices['LUB-BOM']!.id)
    const ctx: Ctx = {
      lvivQueue,
      lvivDesk: await desk('Matrix desk'),
      desks,
      lviv,
      lublin: offices['LUB-BOM']!.id,
      registry,
      cases: await casesMatrixContext(app, offices['LUB-BOM']!.id, registry.outgoing),
      consultantId: users.items.find((u) => u.login === 'demo-consultant')!.id,
      drafts,
      published,
      failedJobs,
      templates,
      // In a queue of its own, which no desk serves (the desks' calls must find only theirs).
      lvivTicket: (
        await app.inject({
          method: 'POST',
          url: `/api/v1/offices/${lviv}/tickets`,
          headers: bearers.kiosk,
          payload: {
            queueId: (
              await app.inject({
                method: 'POST',
                url: `/api/v1/offices/${lviv}/queues`,
                headers: bearers.admin,
                payload: { prefix: 'Y', name: { uk: 'Архів', pl: 'Archiwum', en: 'Archive' } },
              })
            ).json<{ id: string }>().id,
          },
        })
      ).json<{ id: string }>().id,
    }
    let i = 0
    const outcomes: string[] = []
    // Every answer, allowed or refused, as the OpenAPI document says (status, media type, body schema).
    const asDocumented = answerChecker((await app.inject('/api/openapi.json')).json())
    for (const c of CASES) {
      for (const role of ROLES) {
        i += 1
        const { url, payload, headers } = c.request(ctx, role, i)
        const res = await app.inject({
          method: c.method,
          url,
          headers: { ...bearers[role], ...headers },
          ...(payload ? { payload } : {}),
        })
        const allowed = c.allowed.includes(role)
        const ok = allowed ? res.statusCode >= 200 && res.statusCode < 300 : res.statusCode === 403
        if (!ok)
          outcomes.push(
            `${c.method} ${c.route} as ${role}: ${res.statusCode} (expected ${allowed ? '2xx' : 403}) ${res.body.slice(0, 200)}`,
          )
        if (!allowed && res.statusCode === 403) expect(problemOf(res).code).toBe('FORBIDDEN')
        outcomes.push(
          ...asDocumented(`${c.method} ${c.route}`, res).map(
            (m) => `${c.method} ${c.route} as ${role}: ${m}`,
          ),
        )
      }
    }
    expect(outcomes).toEqual([])
  })

  it('refuses every API route without a token (401), except sign-in', async () => {
    const app = await testApp(dialect, { demo: true })
    const doc = (await app.inject('/api/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>
    }>()
    const id = '0190b7a0-0000-7000-8000-000000000000'
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue
      for (const method of Object.keys(methods)) {
        if (PUBLIC.has(`${method.toUpperCase()} ${path}`)) continue
        const url = path.replace('{date}', '2026-12-24').replace(/\{[^}]+\}/g, id)
        const res = await app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          payload: method === 'get' || method === 'delete' ? undefined : {},
        })
        expect(res.statusCode, `${method} ${path}`).toBe(401)
      }
    }
  })

  it('says in the OpenAPI document which routes need no token: exactly the open ones', async () => {
    const app = await testApp(dialect)
    const doc = (await app.inject('/api/openapi.json')).json<{
      security: object[]
      paths: Record<string, Record<string, { security?: object[] }>>
    }>()
    const anonymous = (security: object[]) =>
      security.length === 0 || security.some((requirement) => Object.keys(requirement).length === 0)
    const declaredOpen = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods)
          .filter(([, op]) => anonymous(op.security ?? doc.security))
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      )
    expect(declaredOpen.sort()).toEqual([...PUBLIC].sort())
  })

  it('covers every API route: each is in the matrix or listed as open or self-service', async () => {
    const app = await testApp(dialect)
    const doc = (await app.inject('/api/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>
    }>()
    const covered = new Set([...CASES.map((c) => `${c.method} ${c.route}`), ...OPEN_OR_SELF])
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    expect(routes.filter((r) => !covered.has(r))).toEqual([])
  })
})
