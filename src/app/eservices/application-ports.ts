import type { CasesService } from '../../modules/cases/index.js'
import type { CatalogueService } from '../../modules/catalogue/index.js'
import type { ApplicationPorts, SealOwner } from '../../modules/eservices/index.js'
import { SYSTEM_ACTOR } from '../../modules/identity/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import type { RegistryService } from '../../modules/registry/index.js'
import type { SealsService, SignaturesService } from '../../modules/signatures/index.js'
import { invalid } from '../../platform/errors.js'

/** Who registers what an e-service receives: the system, named in the audit log. */
const ESERVICE = { ...SYSTEM_ACTOR, login: 'e-service' }

/**
 * An application in the office's registers and cases: an incoming letter (channel `eservice`) handed
 * to the unit the card names, with the application document and the files; a case in the card's
 * class with its processing time as the term, the applicant its party; the office's seal on the
 * receipts; the case's steps as the applicant's status.
 */
export function applicationPorts(s: {
  catalogue: CatalogueService
  offices: OfficesService
  registry: RegistryService
  cases: CasesService
  signatures: SignaturesService
  sealing: SealsService
}): ApplicationPorts {
  return {
    card: (code) => s.catalogue.getPublishedByCode(code),
    office: async (id) => {
      const o = await s.offices.officeById(id)
      return o && { id: o.id, code: o.code, name: o.name, timezone: o.timezone }
    },
    async prepare(office, card, title, applicant) {
      const where = card.eService?.case
      if (!where) return { unitId: null, openCase: null }
      const unit = (await s.offices.listUnits(SYSTEM_ACTOR, office.id)).find((u) => u.code === where.unit)
      if (!unit)
        throw invalid([
          { path: 'body.officeId', message: 'does not handle this service online (no unit for it)' },
        ])
      const prepared = await s.cases.prepareCase(ESERVICE, {
        officeId: office.id,
        unitId: unit.id,
        symbol: where.symbol,
        title,
        serviceId: card.id,
        parties: [
          {
            kind: 'person',
            name: applicant.name ?? applicant.email ?? '—',
            role: 'applicant',
            email: applicant.email,
            address: null,
          },
        ],
      })
      return {
        unitId: unit.id,
        openCase: (trx, entryId) =>
          s.cases.openPreparedCase(trx, ESERVICE, {
            ...prepared,
            body: { ...prepared.body, incomingIds: [entryId] },
          }),
      }
    },
    register: (trx, office, letter, files) =>
      s.registry.registerIncomingIn(
        trx,
        ESERVICE,
        office,
        {
          receivedAt: letter.at.toISOString(),
          channel: 'eservice',
          sender: {
            kind: 'person',
            name: letter.applicant.name ?? letter.applicant.email ?? null,
            email: letter.applicant.email,
          },
          title: letter.title,
          attachments: files.length - 1,
          ...(letter.unitId ? { assignee: { unitId: letter.unitId } } : {}),
        },
        files,
      ),
    casesOfLetter: (trx, entryId) => s.cases.casesOfLetterIn(trx, entryId),
    delivered: async (entryId, on) => {
      await s.registry.deliver(ESERVICE, entryId, { deliveredOn: on })
    },
    linkToCase: (trx, caseId, entryId) => s.cases.linkLetterIn(trx, ESERVICE, caseId, entryId),
    validate: (file, data) => s.signatures.validate(file, data),
    seal: async (officeId, xml) => {
      const sealed = await s.sealing.sealFor(ESERVICE, officeId, xml, { visible: false })
      return { bytes: sealed.bytes, level: sealed.level }
    },
    async caseProgress(caseId) {
      const [c, history] = await Promise.all([
        s.cases.get(SYSTEM_ACTOR, caseId),
        s.cases.history(SYSTEM_ACTOR, caseId),
      ])
      const asked = history.items.findLast((h) => h.action === 'case.suspend')
      return {
        sign: c.sign,
        status: c.status,
        dueOn: c.dueOn,
        history: history.items.map((h) => ({ action: h.action.replace(/^case\./, ''), at: h.at })),
        request: typeof asked?.summary.reason === 'string' ? asked.summary.reason : null,
      }
    },
  }
}

/** Which office's seal a certificate is: each office's seal certificate compared by its SHA-256. */
export function sealOwnerOf(s: { offices: OfficesService; sealing: SealsService }): SealOwner {
  return async (sha256) => {
    for (const o of await s.offices.listPublicOffices()) {
      const info = await s.sealing.sealInfo(SYSTEM_ACTOR, o.id).catch(() => null)
      if (info?.sha256 === sha256) return { code: o.code, name: o.name[o.defaultLanguage] }
    }
    return null
  }
}
