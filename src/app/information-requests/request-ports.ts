import { Readable } from 'node:stream'
import type { CasesService } from '../../modules/cases/index.js'
import { SYSTEM_ACTOR } from '../../modules/identity/index.js'
import type { RequestPorts } from '../../modules/information-requests/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import type { RegistryService } from '../../modules/registry/index.js'
import type { Clock } from '../../platform/clock.js'
import type { Config } from '../../platform/config.js'
import { invalid } from '../../platform/errors.js'

/** Who registers what the public form sends: the system, named in the audit log. */
const FORM = { ...SYSTEM_ACTOR, login: 'information-request-form' }

/**
 * A request for public information in the office's registers and cases: an incoming letter
 * (channel `eservice`) handed to the configured unit, a case in the configured class with the
 * statutory 14 days, and the request's text as the first document of its file.
 */
export function informationRequestPorts(
  s: { offices: OfficesService; registry: RegistryService; cases: CasesService },
  clock: Clock,
  config: Pick<Config, 'informationRequests'>,
): RequestPorts {
  return {
    office: (id) => s.offices.officeById(id),
    async intake(officeId, r) {
      const unit = (await s.offices.listUnits(SYSTEM_ACTOR, officeId)).find(
        (u) => u.code === config.informationRequests.unit,
      )
      if (!unit)
        throw invalid([
          { path: 'body.officeId', message: 'does not take requests for public information here' },
        ])
      const delivery = [r.delivery, r.email, r.address].filter(Boolean).join(' · ')
      const entry = await s.registry.registerIncoming(FORM, officeId, {
        receivedAt: clock.now().toISOString(),
        channel: 'eservice',
        sender: { kind: r.name ? 'person' : 'unknown', name: r.name ?? null, email: r.email ?? null },
        title: r.title.slice(0, 500),
        notes: delivery.slice(0, 2000),
        assignee: { unitId: unit.id },
      })
      const opened = await s.cases.openCase(FORM, {
        officeId,
        unitId: unit.id,
        symbol: config.informationRequests.symbol,
        title: r.title.slice(0, 500),
        incomingIds: [entry.id],
        parties: [
          {
            kind: 'person',
            name: r.name ?? '—',
            role: 'applicant',
            email: r.email ?? null,
            address: r.address ?? null,
          },
        ],
        statutoryTerm: 'public-information',
      })
      await s.cases.addDocument(
        FORM,
        opened.id,
        { title: r.title.slice(0, 500), kind: 'application', form: 'born-digital', access: 'parties' },
        { content: Readable.from([Buffer.from(r.request)]), name: 'request.txt', mediaType: 'text/plain' },
      )
      return { entryId: entry.id, caseId: opened.id }
    },
    async caseOf(id) {
      const c = await s.cases.get(SYSTEM_ACTOR, id)
      return c
    },
    async letterNumber(entryId) {
      return (await s.registry.get(SYSTEM_ACTOR, 'incoming', entryId)).number
    },
    async notices(caseId) {
      return (await s.cases.delayNotices(SYSTEM_ACTOR, caseId)).items
    },
    async fileDecision(actor, caseId, pdf, title) {
      const doc = await s.cases.addDocument(
        actor,
        caseId,
        { title, kind: 'decision', form: 'born-digital', access: 'parties' },
        { content: Readable.from([pdf]), name: 'decision.pdf', mediaType: 'application/pdf' },
      )
      return { documentId: doc.id }
    },
  }
}
