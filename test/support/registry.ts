import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Role } from '../../src/modules/identity/index.js'
import { demoBearers, demoOffices, unique } from './factories.js'
import { bearerFor, type TestApp } from './test-app.js'

/** A folder of its own for a test's stored files. */
export const freshBlobDir = () => mkdtempSync(join(tmpdir(), 'ratusz-blobs-'))

/** A valid incoming letter, received a minute before `now`. */
export function incomingBody(now: Date, overrides: Record<string, unknown> = {}) {
  return {
    receivedAt: new Date(now.getTime() - 60_000).toISOString(),
    channel: 'paper',
    sender: {
      kind: 'person',
      name: 'Zofia Łęcka',
      address: { street: 'ul. Krótka 5', postcode: '20-001', city: 'Łódź', country: 'PL' },
    },
    title: 'Wniosek o wydanie zaświadczenia',
    letterDate: '2026-11-20',
    senderReference: 'ZL/1/2026',
    attachments: 1,
    ...overrides,
  }
}

/** A valid outgoing letter. */
export function outgoingBody(overrides: Record<string, unknown> = {}) {
  return {
    recipient: { kind: 'organisation', name: 'Urząd Skarbowy w Lublinie', address: { city: 'Lublin' } },
    title: 'Odpowiedź na wniosek',
    method: 'registered-post',
    reference: 'OR.0152.1.2026',
    ...overrides,
  }
}

/**
 * Lublin (the demo's chancellery office) with two units, the demo bearers, and staff who work in one
 * unit only: an officer and a head of `OR`, an officer of `SO`.
 */
export async function lublinRegistry(app: TestApp) {
  const offices = await demoOffices(app)
  const bearers = await demoBearers(app)
  const lublin = offices['LUB-BOM']!.id
  const units = (await app.inject({ url: `/api/v1/offices/${lublin}/units`, headers: bearers.admin })).json<{
    items: { id: string; code: string }[]
  }>().items
  const unit = (code: string) => units.find((u) => u.code === code)!.id
  const staff = async (role: Role, unitId: string) => {
    const login = unique(`${role}-of-unit-`)
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearers.admin,
      payload: {
        login,
        password: 'a-long-password-1',
        name: login,
        roles: [{ role, officeId: lublin, unitId }],
      },
    })
    if (res.statusCode !== 201) throw new Error(`user ${login}: ${res.statusCode} ${res.body}`)
    return {
      id: res.json<{ id: string }>().id,
      login,
      headers: await bearerFor(app, login, 'a-long-password-1'),
    }
  }
  const or = unit('OR')
  const so = unit('SO')
  return {
    lublin,
    lviv: offices['LVIV-CNAP']!.id,
    bearers,
    units: { or, so },
    officerOfOr: await staff('officer', or),
    headOfOr: await staff('head', or),
    officerOfSo: await staff('officer', so),
  }
}

/** A multipart/form-data body with text fields and then one file, as a browser sends it. */
export function multipart(name: string, type: string, content: Buffer, fields: Record<string, string> = {}) {
  const boundary = '----ratusz-test-boundary'
  const payload = Buffer.concat([
    ...Object.entries(fields).map(([field, value]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${value}\r\n`),
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}
