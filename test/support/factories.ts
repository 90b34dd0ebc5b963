import { DEMO_USERS, demoPassword } from '../../src/app/demo/demo-network.js'
import type { Role } from '../../src/modules/identity/index.js'
import { bearerFor, type TestApp } from './test-app.js'

export interface OfficeRef {
  id: string
  code: string
}

/** The demo network's offices by code (the app must have been built with `demo: true`). */
export async function demoOffices(app: TestApp): Promise<Record<string, OfficeRef>> {
  const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
  const res = await app.inject({ url: '/api/v1/offices', headers: admin })
  const items = res.json<{ items: OfficeRef[] }>().items
  return Object.fromEntries(items.map((o) => [o.code, o]))
}

/** Signs in every demo user once: role → bearer header. */
export async function demoBearers(app: TestApp): Promise<Record<Role, { authorization: string }>> {
  const entries = await Promise.all(
    DEMO_USERS.map(async (u) => [u.role, await bearerFor(app, u.login, demoPassword(u.login))] as const),
  )
  return Object.fromEntries(entries) as Record<Role, { authorization: string }>
}

let counter = 0
/** A unique suffix for names and codes within one test run. */
export function unique(prefix = ''): string {
  counter += 1
  return `${prefix}${counter}`
}

/** A valid office body for POST /api/v1/offices. */
export function officeBody(code: string) {
  return {
    code,
    name: { uk: `Центр ${code}`, pl: `Centrum ${code}`, en: `Centre ${code}` },
    address: { street: 'вул. Ринок, 1', postcode: '79000', city: 'Львів', country: 'UA' },
    timezone: 'Europe/Kyiv',
    defaultLanguage: 'uk',
    openingHours: { mon: [{ from: '09:00', to: '17:00' }] },
  }
}
