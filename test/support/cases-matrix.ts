import { Readable } from 'node:stream'
import type { CaseAction } from '../../src/modules/cases/index.js'
import { ROLES, type Role, SYSTEM_ACTOR } from '../../src/modules/identity/index.js'
import { multipart } from './registry.js'
import type { TestApp } from './test-app.js'

/** Lublin's classification and cases for the role × route matrix; per role and step, a case in a state that step fits. */
export interface CasesCtx {
  lublin: string
  unitOr: string
  classificationId: string
  officerId: string
  case: string
  /** A case assigned to the demo officer, with one document of one version. */
  filed: string
  document: string
  /** An XML document of the filed case, for the head to seal. */
  sealable: string
  /** A letter of Lublin's registers to link to a case. */
  letterId: string
  perRole: Record<string, Partial<Record<CaseAction | 'shared', string>>>
  /** Per role, a KPA art. 36 notice of the filed case waiting to be dispatched. */
  notices: Record<string, string>
}

/** The steps taken (after assignment to the demo officer) to bring a case where each step fits. */
const BEFORE: Record<CaseAction, CaseAction[]> = {
  assign: [],
  start: ['assign'],
  suspend: ['assign', 'start'],
  resume: ['assign', 'start', 'suspend'],
  submit: ['assign', 'start'],
  approve: ['assign', 'start', 'submit'],
  return: ['assign', 'start', 'submit'],
  dispatch: ['assign', 'start', 'submit', 'approve'],
  close: ['assign', 'start', 'submit', 'approve'],
  reopen: ['assign', 'start', 'submit', 'approve', 'close'],
}

export async function casesMatrixContext(app: TestApp, lublin: string, letterId: string): Promise<CasesCtx> {
  const s = app.services
  const units = await s.offices.listUnits(SYSTEM_ACTOR, lublin)
  const unitOr = units.find((u) => u.code === 'OR')!.id
  const officerId = (await s.users.listUsers(SYSTEM_ACTOR)).find((u) => u.login === 'demo-officer')!.id
  const open = async (term: { statutoryTerm?: 'kpa-1m' } = {}) =>
    (
      await s.cases.openCase(SYSTEM_ACTOR, {
        officeId: lublin,
        unitId: unitOr,
        symbol: '0152',
        title: 'Matrix',
        ...term,
      })
    ).id
  // With a term: its KPA art. 36 notices, one drafted per role to dispatch.
  const filed = await open({ statutoryTerm: 'kpa-1m' })
  await s.cases.step(SYSTEM_ACTOR, filed, 'assign', { assigneeId: officerId })
  const document = await s.cases.addDocument(
    SYSTEM_ACTOR,
    filed,
    { title: 'Matrix', kind: 'note', form: 'born-digital' },
    { content: Readable.from([Buffer.from('Matrix note')]), name: 'note.txt', mediaType: 'text/plain' },
  )
  const sealable = await s.cases.addDocument(
    SYSTEM_ACTOR,
    filed,
    { title: 'Matrix receipt', kind: 'certificate', form: 'born-digital' },
    {
      content: Readable.from([Buffer.from('<receipt>Matrix</receipt>')]),
      name: 'receipt.xml',
      mediaType: 'application/xml',
    },
  )
  const ctx: CasesCtx = {
    lublin,
    unitOr,
    classificationId: (await s.classification.list(SYSTEM_ACTOR, lublin))[0]!.id,
    officerId,
    case: await open(),
    filed,
    document: document.id,
    sealable: sealable.id,
    letterId,
    perRole: {},
    notices: {},
  }
  for (const [i, role] of ROLES.entries()) {
    ctx.notices[role] = (
      await s.cases.draftDelayNotice(SYSTEM_ACTOR, filed, {
        reason: 'Matrix',
        newDueOn: `2099-02-${String(i + 1).padStart(2, '0')}`,
      })
    ).id
    ctx.perRole[role] = {}
    for (const action of Object.keys(BEFORE) as CaseAction[]) {
      const id = await open()
      for (const step of BEFORE[action])
        await s.cases.step(
          SYSTEM_ACTOR,
          id,
          step,
          step === 'assign' ? { assigneeId: officerId } : step === 'suspend' ? { reason: 'Matrix' } : {},
        )
      ctx.perRole[role]![action] = id
    }
    const shared = await open()
    await s.cases.share(SYSTEM_ACTOR, shared, officerId, true)
    ctx.perRole[role]!.shared = shared
  }
  return ctx
}

const readers: Role[] = ['admin', 'officer', 'head']
const classificationReaders: Role[] = ['admin', 'coordinator', 'chancellery', 'officer', 'head']
// The demo officer is the assignee of every case past `assign`: the officer works on them.
const workers: Role[] = ['admin', 'officer', 'head']
const heads: Role[] = ['admin', 'head']

type Request = (
  c: CasesCtx,
  role: Role,
  i: number,
) => { url: string; payload?: unknown; headers?: Record<string, string> }
const step = (action: CaseAction, allowed: Role[]) => ({
  method: 'POST' as const,
  route: `/api/v1/cases/{id}/${action}`,
  allowed,
  request: ((c, role) => ({
    url: `/api/v1/cases/${c.perRole[role]![action]}/${action}`,
    payload:
      action === 'assign'
        ? { assigneeId: c.officerId }
        : ['suspend', 'return', 'reopen'].includes(action)
          ? { reason: 'Matrix' }
          : {},
  })) as Request,
})

export const CASES_CASES: {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  route: string
  allowed: readonly Role[]
  request: Request
}[] = [
  {
    method: 'POST',
    route: '/api/v1/offices/{officeId}/classifications/import',
    allowed: ['admin', 'coordinator'],
    request: (c, _r, i) => ({
      url: `/api/v1/offices/${c.lublin}/classifications/import?adoptedOn=2030-01-${String((i % 28) + 1).padStart(2, '0')}&dryRun=${i % 2 === 0}`,
      payload: '0;Zarządzanie;A;\n',
      headers: { 'content-type': 'text/csv' },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/offices/{officeId}/classifications',
    allowed: classificationReaders,
    request: (c) => ({ url: `/api/v1/offices/${c.lublin}/classifications` }),
  },
  {
    method: 'GET',
    route: '/api/v1/classifications/{id}/classes',
    allowed: classificationReaders,
    request: (c) => ({ url: `/api/v1/classifications/${c.classificationId}/classes?parent=01` }),
  },
  {
    method: 'POST',
    route: '/api/v1/cases',
    allowed: readers,
    request: (c) => ({
      url: '/api/v1/cases',
      payload: { officeId: c.lublin, unitId: c.unitOr, symbol: '0152', title: 'Matrix' },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/access',
    allowed: readers,
    request: (c) => ({ url: `/api/v1/cases/${c.case}/access` }),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/access',
    allowed: heads,
    request: (c) => ({ url: `/api/v1/cases/${c.case}/access`, payload: { userId: c.officerId } }),
  },
  {
    method: 'DELETE',
    route: '/api/v1/cases/{id}/access/{userId}',
    allowed: heads,
    // Each allowed role takes back a grant of its own (given in the set-up).
    request: (c, role) => ({ url: `/api/v1/cases/${c.perRole[role]!.shared}/access/${c.officerId}` }),
  },
  // A search is cut to what the caller may read: everyone may search.
  {
    method: 'GET',
    route: '/api/v1/search',
    allowed: ROLES,
    request: () => ({ url: '/api/v1/search?q=matrix' }),
  },
  // An in-tray is cut to what the caller may read: everyone may ask for theirs.
  {
    method: 'GET',
    route: '/api/v1/cases',
    allowed: ROLES,
    request: (c) => ({ url: `/api/v1/cases?officeId=${c.lublin}` }),
  },
  {
    method: 'GET',
    route: '/api/v1/deadlines/cases',
    allowed: ROLES,
    request: (c) => ({ url: `/api/v1/deadlines/cases?officeId=${c.lublin}` }),
  },
  {
    method: 'GET',
    route: '/api/v1/deadlines/centres',
    allowed: ['admin', 'coordinator', 'manager'],
    request: () => ({ url: '/api/v1/deadlines/centres' }),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}',
    allowed: readers,
    request: (c) => ({ url: `/api/v1/cases/${c.case}` }),
  },
  {
    method: 'PATCH',
    route: '/api/v1/cases/{id}',
    allowed: heads,
    request: (c, role) => ({ url: `/api/v1/cases/${c.case}`, payload: { title: `Matrix ${role}` } }),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/subcases',
    allowed: readers,
    request: (c) => ({ url: `/api/v1/cases/${c.case}/subcases`, payload: { title: 'Matrix' } }),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/history',
    allowed: readers,
    request: (c) => ({ url: `/api/v1/cases/${c.case}/history` }),
  },
  {
    method: 'GET',
    route: '/api/v1/offices/{officeId}/case-register',
    allowed: readers,
    request: (c) => ({
      url: `/api/v1/offices/${c.lublin}/case-register?unitId=${c.unitOr}&symbol=0152&year=${new Date().getFullYear()}`,
    }),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/delay-notices',
    allowed: workers,
    request: (c, _r, i) => ({
      url: `/api/v1/cases/${c.filed}/delay-notices`,
      payload: { reason: 'Matrix', newDueOn: `2099-03-${String((i % 28) + 1).padStart(2, '0')}` },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/delay-notices',
    allowed: readers,
    request: (c) => ({ url: `/api/v1/cases/${c.filed}/delay-notices` }),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/delay-notices/{noticeId}/dispatch',
    allowed: workers,
    request: (c, role) => ({
      url: `/api/v1/cases/${c.filed}/delay-notices/${c.notices[role]}/dispatch`,
      payload: {},
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/documents',
    allowed: readers,
    request: (c) => ({ url: `/api/v1/cases/${c.filed}/documents` }),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/documents',
    allowed: workers,
    request: (c) => ({
      url: `/api/v1/cases/${c.filed}/documents`,
      payload: { title: 'Matrix', kind: 'note', form: 'paper', paperLocation: 'Matrix' },
    }),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/documents/{documentId}',
    allowed: readers,
    request: (c) => ({ url: `/api/v1/cases/${c.filed}/documents/${c.document}` }),
  },
  {
    method: 'PATCH',
    route: '/api/v1/cases/{id}/documents/{documentId}',
    allowed: workers,
    request: (c, role) => ({
      url: `/api/v1/cases/${c.filed}/documents/${c.document}`,
      payload: { description: `Matrix ${role}` },
    }),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/documents/{documentId}/versions',
    allowed: workers,
    request: (c, role) => {
      const form = multipart('note.txt', 'text/plain', Buffer.from(`Matrix ${role}`))
      return {
        url: `/api/v1/cases/${c.filed}/documents/${c.document}/versions`,
        payload: form.payload,
        headers: form.headers,
      }
    },
  },
  // Sealing with the office's seal is the unit head's own act, not an admin's.
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/documents/{documentId}/seal',
    allowed: ['head'],
    request: (c) => ({ url: `/api/v1/cases/${c.filed}/documents/${c.sealable}/seal`, payload: {} }),
  },
  {
    method: 'GET',
    route: '/api/v1/cases/{id}/documents/{documentId}/versions/{version}/content',
    allowed: readers,
    request: (c) => ({ url: `/api/v1/cases/${c.filed}/documents/${c.document}/versions/1/content` }),
  },
  {
    method: 'POST',
    route: '/api/v1/cases/{id}/letters',
    allowed: workers,
    request: (c) => ({ url: `/api/v1/cases/${c.filed}/letters`, payload: { entryId: c.letterId } }),
  },
  step('assign', heads),
  step('start', workers),
  step('suspend', workers),
  step('resume', workers),
  step('submit', workers),
  step('approve', heads),
  step('return', heads),
  step('dispatch', workers),
  step('close', workers),
  step('reopen', heads),
]
