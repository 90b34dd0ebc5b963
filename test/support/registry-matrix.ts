import type { Role } from '../../src/modules/identity/index.js'
import { ROLES } from '../../src/modules/identity/index.js'
import { incomingBody, outgoingBody } from './registry.js'
import type { TestApp } from './test-app.js'

/** Records of Lublin's registers for the role × route matrix; per role, entries each role may change once. */
export interface RegistryCtx {
  lublin: string
  unitOr: string
  incoming: string
  outgoing: string
  incomingFile: string
  outgoingFile: string
  perRole: Record<string, { incoming: string; outgoing: string; toDispatch: string; dispatched: string }>
}

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n')
const boundary = 'matrix-boundary'
/** One small PDF as multipart/form-data. */
export const pdfForm = () => ({
  payload: Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]),
  headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
})

export async function registryMatrixContext(
  app: TestApp,
  chancellery: { authorization: string },
  lublin: string,
  /** The app's now, when its clock stands still. */
  now = new Date(),
): Promise<RegistryCtx> {
  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url, headers: chancellery, payload })
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
    return res.json<{ id: string; files: { id: string }[] }>()
  }
  const upload = async (url: string) => {
    const form = pdfForm()
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { ...chancellery, ...form.headers },
      payload: form.payload,
    })
    return res.json<{ files: { id: string }[] }>().files[0]!.id
  }
  const incoming = () => post(`/api/v1/offices/${lublin}/incoming`, incomingBody(now))
  const outgoing = () => post(`/api/v1/offices/${lublin}/outgoing`, outgoingBody())
  const units = (await app.inject({ url: `/api/v1/offices/${lublin}/units`, headers: chancellery })).json<{
    items: { id: string; code: string }[]
  }>().items
  const ctx: RegistryCtx = {
    lublin,
    unitOr: units.find((u) => u.code === 'OR')!.id,
    incoming: (await incoming()).id,
    outgoing: (await outgoing()).id,
    incomingFile: '',
    outgoingFile: '',
    perRole: {},
  }
  ctx.incomingFile = await upload(`/api/v1/incoming/${ctx.incoming}/files`)
  ctx.outgoingFile = await upload(`/api/v1/outgoing/${ctx.outgoing}/files`)
  for (const role of ROLES) {
    const dispatched = (await outgoing()).id
    await post(`/api/v1/outgoing/${dispatched}/dispatch`, {})
    ctx.perRole[role] = {
      incoming: (await incoming()).id,
      outgoing: (await outgoing()).id,
      toDispatch: (await outgoing()).id,
      dispatched,
    }
  }
  return ctx
}

// The demo grants chancellery, officer and head in Lublin, office-wide; admin, coordinator and editor
// network-wide; manager, consultant and kiosk in Lviv (refused in Lublin by office scope).
const keepers: Role[] = ['admin', 'coordinator', 'chancellery']
const readers: Role[] = [...keepers, 'officer', 'head']
const chancellery: Role[] = ['admin', 'chancellery']
const writers: Role[] = ['admin', 'chancellery', 'officer', 'head']

type Request = (
  r: RegistryCtx,
  role: Role,
  i: number,
) => { url: string; payload?: unknown; headers?: Record<string, string> }
export const REGISTRY_CASES: {
  method: 'GET' | 'POST' | 'PATCH'
  route: string
  allowed: readonly Role[]
  request: Request
}[] = [
  {
    method: 'POST',
    route: '/api/v1/offices/{officeId}/incoming',
    allowed: chancellery,
    request: (r) => ({ url: `/api/v1/offices/${r.lublin}/incoming`, payload: incomingBody(new Date()) }),
  },
  ...(['incoming', 'outgoing'] as const).flatMap((d) => [
    {
      method: 'GET' as const,
      route: `/api/v1/offices/{officeId}/${d}`,
      allowed: readers,
      request: (r: RegistryCtx) => ({ url: `/api/v1/offices/${r.lublin}/${d}` }),
    },
    {
      method: 'GET' as const,
      route: `/api/v1/${d}/{id}`,
      allowed: readers,
      request: (r: RegistryCtx) => ({ url: `/api/v1/${d}/${r[d]}` }),
    },
    {
      method: 'GET' as const,
      route: `/api/v1/${d}/{id}/versions`,
      allowed: readers,
      request: (r: RegistryCtx) => ({ url: `/api/v1/${d}/${r[d]}/versions` }),
    },
    {
      method: 'POST' as const,
      route: `/api/v1/${d}/{id}/void`,
      allowed: d === 'incoming' ? chancellery : writers,
      request: (r: RegistryCtx, role: Role) => ({
        url: `/api/v1/${d}/${r.perRole[role]![d]}/void`,
        payload: { reason: 'Matrix' },
      }),
    },
    {
      method: 'POST' as const,
      route: `/api/v1/${d}/{id}/files`,
      allowed: d === 'incoming' ? chancellery : writers,
      request: (r: RegistryCtx) => {
        const form = pdfForm()
        return { url: `/api/v1/${d}/${r[d]}/files`, payload: form.payload, headers: form.headers }
      },
    },
    {
      method: 'GET' as const,
      route: `/api/v1/${d}/{id}/files/{fileId}`,
      allowed: readers,
      request: (r: RegistryCtx) => ({
        url: `/api/v1/${d}/${r[d]}/files/${d === 'incoming' ? r.incomingFile : r.outgoingFile}`,
      }),
    },
    {
      method: 'GET' as const,
      route: `/api/v1/offices/{officeId}/${d}/register`,
      allowed: keepers,
      request: (r: RegistryCtx) => ({
        url: `/api/v1/offices/${r.lublin}/${d}/register?period=2026&format=csv`,
      }),
    },
  ]),
  {
    method: 'PATCH',
    route: '/api/v1/incoming/{id}',
    allowed: chancellery,
    request: (r, role) => ({ url: `/api/v1/incoming/${r.incoming}`, payload: { notes: `Seen by ${role}` } }),
  },
  {
    method: 'POST',
    route: '/api/v1/incoming/{id}/assign',
    allowed: ['admin', 'chancellery', 'head'],
    request: (r) => ({ url: `/api/v1/incoming/${r.incoming}/assign`, payload: { unitId: r.unitOr } }),
  },
  {
    method: 'POST',
    route: '/api/v1/offices/{officeId}/outgoing',
    allowed: writers,
    request: (r) => ({ url: `/api/v1/offices/${r.lublin}/outgoing`, payload: outgoingBody() }),
  },
  {
    method: 'PATCH',
    route: '/api/v1/outgoing/{id}',
    allowed: writers,
    request: (r, role) => ({ url: `/api/v1/outgoing/${r.outgoing}`, payload: { notes: `Seen by ${role}` } }),
  },
  {
    method: 'POST',
    route: '/api/v1/outgoing/{id}/dispatch',
    allowed: chancellery,
    request: (r, role) => ({ url: `/api/v1/outgoing/${r.perRole[role]!.toDispatch}/dispatch`, payload: {} }),
  },
  {
    method: 'POST',
    route: '/api/v1/outgoing/{id}/delivered',
    allowed: chancellery,
    request: (r, role) => ({
      url: `/api/v1/outgoing/${r.perRole[role]!.dispatched}/delivered`,
      payload: { deliveredOn: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) },
    }),
  },
]
