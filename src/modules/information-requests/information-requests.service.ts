import type { Clock } from '../../platform/clock.js'
import type { Db } from '../../platform/db/index.js'
import { conflict, invalid, notFound } from '../../platform/errors.js'
import type { Lang } from '../../platform/i18n/index.js'
import { newId } from '../../platform/ids.js'
import { letterPdf } from '../../platform/pdf-table.js'
import { localDateOf } from '../../platform/timezone.js'
import { trackingCode } from '../../platform/tracking-code.js'
import type { Actor } from '../identity/index.js'
import { requestsTexts } from './information-requests.messages.js'
import * as repo from './information-requests.repository.js'
import type {
  InformationRequestBody,
  InformationRequestStatusDto,
  RefusalBody,
} from './information-requests.schemas.js'

/** What a request needs of offices, the registers and the cases (composed in the app). */
export interface RequestPorts {
  office(id: string): Promise<
    | {
        id: string
        name: Record<Lang, string>
        timezone: string
        defaultLanguage: Lang
        address: { country: string }
      }
    | undefined
  >
  /** Registers the letter, opens its case with the public information term, files the request's text. */
  intake(
    officeId: string,
    request: InformationRequestBody & { title: string },
  ): Promise<{ entryId: string; caseId: string }>
  /** The case as the requester's status needs it (read by the system, not a person). */
  caseOf(id: string): Promise<{
    sign: string
    status: string
    startedOn: string
    dueOn: string | null
    dueSteps: InformationRequestStatusDto['dueSteps']
    noticeDueOn: string | null
  }>
  letterNumber(entryId: string): Promise<string>
  /** The case's dispatched extension notices, newest last. */
  notices(caseId: string): Promise<{ reason: string; newDueOn: string; dispatchedOn: string | null }[]>
  /** Files the refusal decision in the case as `actor` (who must be able to work on the case). */
  fileDecision(actor: Actor, caseId: string, pdf: Buffer, title: string): Promise<{ documentId: string }>
}

export type InformationRequestsService = ReturnType<typeof createInformationRequestsService>

/**
 * Requests for public information (dostęp do informacji publicznej): sent on a public form without
 * an account, each registered as an incoming letter (channel `eservice`) and a case with the 14-day
 * term; the requester follows it by its tracking code; an extension goes through the case's notice
 * (at most two months from the request); a refusal is a decision filed in the case.
 */
export function createInformationRequestsService(db: Db, clock: Clock, ports: RequestPorts) {
  async function status(row: Awaited<ReturnType<typeof repo.findByCode>>) {
    if (!row) throw notFound('Request')
    const [office, c, number, notices] = await Promise.all([
      ports.office(row.officeId),
      ports.caseOf(row.caseId),
      ports.letterNumber(row.entryId),
      ports.notices(row.caseId),
    ])
    const extension = notices.filter((n) => n.dispatchedOn).at(-1)
    const state: InformationRequestStatusDto['status'] = row.refusedOn
      ? 'refused'
      : c.status === 'dispatched' || c.status === 'closed'
        ? 'answered'
        : c.status === 'suspended'
          ? 'suspended'
          : c.status === 'registered' || c.status === 'assigned'
            ? 'registered'
            : 'in-progress'
    return {
      trackingCode: row.trackingCode,
      office: { id: row.officeId, name: office?.name ?? {} },
      letterNumber: number,
      caseSign: c.sign,
      receivedOn: c.startedOn,
      status: state,
      dueOn: c.dueOn,
      dueSteps: c.dueSteps,
      extension: extension
        ? {
            until: extension.newDueOn,
            reason: extension.reason,
            notifiedOn: extension.dispatchedOn as string,
          }
        : null,
      refusal: row.refusedOn ? { on: row.refusedOn, reason: row.refusalReason ?? '' } : null,
      createdAt: row.createdAt,
    } satisfies InformationRequestStatusDto
  }

  return {
    async submit(body: InformationRequestBody): Promise<InformationRequestStatusDto> {
      const office = await ports.office(body.officeId)
      if (office?.address.country !== 'PL')
        throw invalid([
          { path: 'body.officeId', message: 'does not take requests for public information here' },
        ])
      if (body.delivery === 'email' && !body.email)
        throw invalid([{ path: 'body.email', message: 'give the address the answer should go to' }])
      if (body.delivery === 'post' && !body.address)
        throw invalid([{ path: 'body.address', message: 'give the address the answer should go to' }])
      const firstLine = body.request.trim().split('\n')[0]!.slice(0, 120)
      const title = `${requestsTexts(office.defaultLanguage)('caseTitle')}: ${firstLine}`
      const { entryId, caseId } = await ports.intake(body.officeId, { ...body, title })
      const row = {
        id: newId(),
        officeId: body.officeId,
        trackingCode: trackingCode(),
        entryId,
        caseId,
        delivery: body.delivery,
        createdAt: clock.now().toISOString(),
        refusedOn: null,
        refusalReason: null,
        refusalDocumentId: null,
      }
      await repo.insertRequest(db, row)
      return status(row)
    },

    async track(code: string): Promise<InformationRequestStatusDto> {
      return status(await repo.findByCode(db, code))
    },

    /** Refuses the request by a decision: its PDF filed in the case, the requester sees the grounds. */
    async refuse(actor: Actor, code: string, body: RefusalBody): Promise<InformationRequestStatusDto> {
      const row = await repo.findByCode(db, code)
      if (!row) throw notFound('Request')
      if (row.refusedOn) throw conflict('REQUEST_REFUSED', 'Already refused', `Request ${code} was refused.`)
      const office = await ports.office(row.officeId)
      const lang = office?.defaultLanguage ?? 'pl'
      const t = requestsTexts(lang)
      const c = await ports.caseOf(row.caseId)
      const today = localDateOf(clock.now(), office?.timezone ?? 'UTC')
      const pdf = await letterPdf({
        title: t('refusal.title'),
        lang,
        paragraphs: [
          t('refusal.sign', { sign: c.sign }),
          t('refusal.body', { office: office?.name[lang] ?? '', received: c.startedOn }),
          t('refusal.grounds', { reason: body.reason }),
          t('refusal.appeal'),
          t('refusal.place', { office: office?.name[lang] ?? '', today }),
        ],
      })
      const { documentId } = await ports.fileDecision(actor, row.caseId, pdf, t('refusal.title'))
      if (!(await repo.markRefused(db, row.id, { on: today, reason: body.reason, documentId })))
        throw conflict('REQUEST_REFUSED', 'Already refused', `Request ${code} was refused.`)
      return status({ ...row, refusedOn: today, refusalReason: body.reason, refusalDocumentId: documentId })
    },
  }
}
