import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { BlobStore, BlobType } from '../../platform/blobs.js'
import { declaredBlobType, safeFileName } from '../../platform/blobs.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, inTransaction, isUniqueViolation } from '../../platform/db/index.js'
import { AppError, invalid, notFound } from '../../platform/errors.js'
import type { Lang } from '../../platform/i18n/index.js'
import { newId } from '../../platform/ids.js'
import type { JobStore } from '../../platform/jobs/index.js'
import type { InTransactionReactions } from '../../platform/reactions.js'
import { localDateOf } from '../../platform/timezone.js'
import { trackingCode } from '../../platform/tracking-code.js'
import type { ServiceDto } from '../catalogue/index.js'
import { checkApplicantSignature, signatureRequired, type Validate } from './applicant-signature.js'
import { type Applicant, applicationDocument } from './application-document.js'
import { eservicesTexts } from './eservices.messages.js'
import * as repo from './eservices.repository.js'
import type { ApplicationStatus, ApplicationStatusDto, DocumentBody } from './eservices.schemas.js'
import type { ApplicationFileRow, ApplicationRow, ReceiptRow, ResidentRow } from './eservices.tables.js'
import { type Answers, checkAnswers, questionsAsked } from './form-answers.js'
import { type ReceiptContents, receiptXml } from './receipt-document.js'
import { receiptPdf } from './receipt-pdf.js'
import { RESIDENT_MAIL_JOB } from './residents.service.js'

/** The job that seals an official acknowledgement of receipt, should the request not have done it. */
export const SEAL_RECEIPT_JOB = 'eservices.seal-receipt'

/** An office as an application needs it. */
export interface ApplyingOffice {
  id: string
  code: string
  name: Record<Lang, string>
  timezone: string
}

/** What an application needs of the catalogue, offices, registers, cases and signatures (composed in the app). */
export interface ApplicationPorts {
  card(code: string): Promise<ServiceDto | null>
  office(id: string): Promise<ApplyingOffice | undefined>
  /**
   * Before the transaction: where the letter goes (the unit of the card's case, when it names one)
   * and, when the card opens a case, the case prepared (its term from the card's processing time).
   */
  prepare(
    office: ApplyingOffice,
    card: ServiceDto,
    title: string,
    applicant: Applicant,
  ): Promise<{ unitId: string | null; openCase: ((trx: Db, entryId: string) => Promise<OpenedCase>) | null }>
  /** Registers the incoming letter (channel `eservice`) in `trx`, with its files. */
  register(
    trx: Db,
    office: ApplyingOffice,
    letter: { title: string; applicant: Applicant; unitId: string | null; at: Date },
    files: readonly { sha256: string; name: string; type: string; size: number }[],
  ): Promise<{ id: string; number: string }>
  validate: Validate
  /** Seals an XML document with the office's seal (XAdES; T with a time-stamp when a TSA is set). */
  seal(officeId: string, xml: Buffer): Promise<{ bytes: Buffer; level: 'B' | 'T' }>
  /** The case as the applicant follows it; `request` is what the officer asked of them while it waits for them. */
  caseProgress(caseId: string): Promise<{
    sign: string
    status: string
    dueOn: string | null
    history: { action: string; at: string }[]
    request: string | null
  }>
  /** Links a letter (the applicant's answer) to the case, in `trx`. */
  linkToCase(trx: Db, caseId: string, entryId: string): Promise<void>
  /** The cases an outgoing letter belongs to, read in `trx`. */
  casesOfLetter(trx: Db, entryId: string): Promise<string[]>
  /** Records an outgoing letter's delivery on a day (the resident opened it). */
  delivered(entryId: string, on: string): Promise<void>
}

/** A file an applicant sent, stored by content, answering a question. */
export interface StoredFile {
  question: string
  name: string
  sha256: string
  type: BlobType
  size: number
}

/** An application as the service takes it: the answers, the files already stored, the signed document. */
export interface Submission {
  service: string
  officeId: string
  language: Lang
  name?: string | undefined
  answers: Answers
  files: readonly StoredFile[]
  signedDocument?: Buffer | undefined
}

interface OpenedCase {
  id: string
  sign: string
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

/** What the applicant sees of a case's status. */
const STATUS_OF_CASE: Record<string, ApplicationStatus> = {
  registered: 'registered',
  assigned: 'assigned',
  'in-progress': 'in-progress',
  suspended: 'awaiting-applicant',
  'awaiting-approval': 'in-progress',
  approved: 'decided',
  dispatched: 'dispatched',
  closed: 'closed',
}
/** Which step of a case's history changes what the applicant sees, and to what. */
const STATUS_AFTER: Record<string, ApplicationStatus> = {
  assign: 'assigned',
  start: 'in-progress',
  suspend: 'awaiting-applicant',
  resume: 'in-progress',
  approve: 'decided',
  return: 'in-progress',
  dispatch: 'dispatched',
  close: 'closed',
  reopen: 'in-progress',
}

export type ApplicationsService = ReturnType<typeof createApplicationsService>

/**
 * Applications sent on e-service forms. Sending one checks the answers against the card's form (the
 * published version), stores the files, checks the applicant's signature where the card requires it,
 * then in one transaction registers the incoming letter, opens the case when the card says so,
 * records the application and issues both receipts; a refusal at any step leaves nothing and takes
 * no number. The official acknowledgement of receipt is sealed by the office right after (and by a
 * job, should that fail). The applicant follows the status by their page or by number and code.
 */
export function createApplicationsService(
  db: Db,
  clock: Clock,
  blobs: BlobStore,
  jobs: JobStore,
  ports: ApplicationPorts,
  publicUrl: string,
  reactions: InTransactionReactions,
) {
  async function cardFor(code: string) {
    const card = await ports.card(code)
    if (!card?.eService)
      throw invalid([{ path: 'body.service', message: 'is not a service that can be applied for online' }])
    return { card, eService: card.eService }
  }

  async function officeFor(card: ServiceDto, officeId: string) {
    const office = card.offices?.some((o) => o.officeId === officeId)
      ? await ports.office(officeId)
      : undefined
    if (!office) throw invalid([{ path: 'body.officeId', message: 'does not provide this service' }])
    return office
  }

  function applicantOf(resident: ResidentRow, name: string | undefined): Applicant {
    return {
      name: resident.name ?? name ?? null,
      email: resident.email,
      identifier:
        resident.identifierKind && resident.identifier
          ? { kind: resident.identifierKind, value: resident.identifier }
          : null,
    }
  }

  type Form = NonNullable<ServiceDto['eService']>['form']
  const fileQuestion = (form: Form, id: string) =>
    form.steps.flatMap((st) => st.questions).find((q) => q.id === id && q.type === 'file' && q.file)

  /** One file stored by content, checked against its question's types and size; `path` names it in errors. */
  async function storeOne(
    form: Form,
    file: { question: string; name: string | undefined; mediaType: string | undefined; content: Readable },
    path: string,
  ): Promise<StoredFile> {
    const q = fileQuestion(form, file.question)
    if (!q?.file) {
      file.content.resume()
      throw invalid([{ path, message: 'is not a file question of this form' }])
    }
    const blob = await blobs
      .put(file.content, {
        maxBytes: q.file.maxBytes,
        types: q.file.types,
        declared: declaredBlobType(file.mediaType),
      })
      .catch((error: unknown) => {
        if (error instanceof AppError)
          throw new AppError(error.code, error.status, error.title, error.detail, [
            { path, message: error.detail ?? error.title },
          ])
        throw error
      })
    return { question: file.question, name: safeFileName(file.name), ...blob }
  }

  /** The answers checked and the application document made of them (what is signed and filed). */
  async function prepareDocument(resident: ResidentRow, body: Submission) {
    const { card, eService } = await cardFor(body.service)
    const office = await officeFor(card, body.officeId)
    if (!eService.withoutAccount && resident.provider !== 'oidc')
      throw new AppError(
        'ACCOUNT_REQUIRED',
        403,
        'Sign in with your identity provider',
        'This service needs an applicant whose identity is verified: sign in with the identity provider, not an e-mail link.',
      )
    const files = body.files
    // A file question's answer is only ever a file stored here, never facts the sender claims.
    const answers: Answers = Object.fromEntries(
      Object.entries(body.answers).filter(([k]) => !fileQuestion(eService.form, k)),
    )
    for (const f of files) answers[f.question] = { type: f.type, size: f.size, sha256: f.sha256 }
    const checked = checkAnswers(eService.form, answers)
    if (checked.problems.length > 0)
      throw invalid(checked.problems.map((p) => ({ ...p, path: `body.${p.path}` })))
    const applicant = applicantOf(resident, body.name)
    const lang = body.language
    const document = applicationDocument({
      service: { code: card.code, version: card.version, name: card.name[lang] },
      office: { code: office.code, name: office.name[lang] },
      lang,
      applicant,
      questions: questionsAsked(eService.form, checked.answers),
      answers: checked.answers,
      files: files.filter((f) => f.question in checked.answers),
    })
    return { card, eService, office, files, answers: checked.answers, applicant, document }
  }

  function receiptSummary(r: ReceiptRow) {
    return {
      id: r.id,
      kind: r.kind as 'submission' | 'receipt',
      createdAt: r.createdAt,
      sealed: r.sealedSha256 !== null,
      level: (r.level as 'B' | 'T' | null) ?? null,
      url: r.kind === 'receipt' && r.sealedSha256 ? `/api/v1/receipts/${r.id}/sealed.xml` : null,
      pdfUrl: r.kind === 'receipt' && r.sealedSha256 ? `/api/v1/receipts/${r.id}/receipt.pdf` : null,
    }
  }

  async function statusOf(row: ApplicationRow): Promise<ApplicationStatusDto> {
    const receipts = await repo.receiptsOf(db, row.id)
    const history: ApplicationStatusDto['history'] = [
      { status: 'submitted', at: row.submittedAt },
      { status: 'registered', at: row.submittedAt },
    ]
    let status: ApplicationStatus = 'registered'
    let caseSign: string | null = null
    let expectedBy: string | null = null
    let request: string | null = null
    if (row.caseId) {
      const c = await ports.caseProgress(row.caseId)
      caseSign = c.sign
      expectedBy = c.dueOn
      request = c.status === 'suspended' ? c.request : null
      status = STATUS_OF_CASE[c.status] ?? 'in-progress'
      for (const step of c.history) {
        const next = STATUS_AFTER[step.action]
        if (next && history.at(-1)?.status !== next) history.push({ status: next, at: step.at })
      }
    }
    return {
      id: row.id,
      number: row.number,
      service: { code: row.serviceCode, version: row.cardVersion },
      officeId: row.officeId,
      status,
      submittedAt: row.submittedAt,
      caseSign,
      expectedBy,
      request,
      history,
      receipts: receipts.map(receiptSummary),
    }
  }

  /** Seals a receipt and records it (once: null when another sealed it first). */
  async function seal(r: ReceiptRow) {
    const contents = JSON.parse(r.contents) as ReceiptContents
    const sealed = await ports.seal(r.officeId, receiptXml(contents))
    const blob = await blobs.put(sealed.bytes, { maxBytes: sealed.bytes.length + 1 })
    const done = { sealedSha256: blob.sha256, level: sealed.level, sealedAt: clock.now().toISOString() }
    const marked = await repo.markSealed(db, r.id, {
      sha256: done.sealedSha256,
      level: done.level,
      at: done.sealedAt,
    })
    return marked ? done : null
  }

  /** What a new application's sender is told: its number, its tracking code (once), its receipts. */
  function answer(row: ApplicationRow, code: string | null, caseSign: string | null, receipts: ReceiptRow[]) {
    const of = (kind: string) => receiptSummary(receipts.find((r) => r.kind === kind) as ReceiptRow)
    return {
      id: row.id,
      number: row.number,
      trackingCode: code ?? '',
      caseSign,
      submittedAt: row.submittedAt,
      acknowledgement: of('submission'),
      receipt: of('receipt'),
    }
  }

  /** A sealed receipt and its application, for whoever `may` see it; 404 otherwise, 409 until sealed. */
  async function sealedFor(receiptId: string, may: (application: ApplicationRow) => boolean) {
    const r = await repo.findReceipt(db, receiptId)
    const application = r ? await repo.findApplication(db, r.applicationId) : undefined
    if (!r || !application || !may(application)) throw notFound('Receipt')
    if (!r.sealedSha256)
      throw new AppError(
        'RECEIPT_NOT_SEALED',
        409,
        'Not sealed yet',
        'The office has not sealed this receipt yet; try again shortly.',
      )
    return { r, application, sealed: r.sealedSha256 }
  }

  const service = {
    /** The card's e-service as the apply pages show it (published version), or 404. */
    async eService(code: string) {
      const card = await ports.card(code)
      if (!card?.eService) throw notFound('E-service')
      return { card, eService: card.eService }
    },

    /** A signed-in resident's form in progress for a service: answers and files so far. */
    async draft(resident: ResidentRow, code: string) {
      const row = await repo.findDraft(db, resident.id, code)
      return {
        officeId: row?.officeId ?? null,
        answers: row ? (JSON.parse(row.answers) as Answers) : {},
        files: row ? (JSON.parse(row.files) as StoredFile[]) : [],
      }
    },

    /** Begins (or goes back to) a resident's application: where they apply, kept in their draft. */
    async startDraft(resident: ResidentRow, code: string, officeId: string) {
      const { card } = await service.eService(code)
      await officeFor(card, officeId)
      const before = await service.draft(resident, code)
      await repo.saveDraft(db, {
        residentId: resident.id,
        serviceCode: code,
        officeId,
        answers: JSON.stringify(before.answers),
        files: JSON.stringify(before.files),
        updatedAt: clock.now().toISOString(),
      })
    },

    /** Stores a file sent with an answer: a PDF, an image or an XML document, up to 10 MB. */
    async storeAttachment(
      file: { name: string | undefined; mediaType: string | undefined; content: Readable },
      path: string,
    ): Promise<StoredFile> {
      const blob = await blobs
        .put(file.content, {
          maxBytes: 10 * 1024 * 1024,
          types: ['pdf', 'png', 'jpeg', 'xml'],
          declared: declaredBlobType(file.mediaType),
        })
        .catch((error: unknown) => {
          if (error instanceof AppError)
            throw new AppError(error.code, error.status, error.title, error.detail, [
              { path, message: error.detail ?? error.title },
            ])
          throw error
        })
      return { question: 'answer', name: safeFileName(file.name), ...blob }
    },

    /** Stores a file a page uploads for a question of the service's form (its types and size checked). */
    async storeFile(
      code: string,
      file: { question: string; name: string | undefined; mediaType: string | undefined; content: Readable },
    ): Promise<StoredFile> {
      const { eService } = await service.eService(code)
      return storeOne(eService.form, file, `answers.${file.question}`)
    },

    /**
     * Keeps one step's answers (and files) in the resident's draft and checks them: the problems of
     * this step's questions only, `answers.<question>`. Answers of other steps are kept as they were.
     */
    async saveStep(
      resident: ResidentRow,
      code: string,
      stepId: string,
      changes: { officeId?: string | undefined; answers: Answers; files: readonly StoredFile[] },
    ) {
      const { eService } = await service.eService(code)
      const step = eService.form.steps.find((st) => st.id === stepId)
      if (!step) throw notFound('Step')
      const before = await service.draft(resident, code)
      const asked = new Set(step.questions.map((q) => q.id))
      const answers: Answers = Object.fromEntries(
        Object.entries(before.answers).filter(([k]) => !asked.has(k)),
      )
      for (const q of step.questions) {
        const a = changes.answers[q.id]
        if (q.type !== 'file' && a !== undefined) answers[q.id] = a
      }
      // A new file for a question replaces the one before; without one, the one before stays.
      const replaced = new Set(changes.files.map((f) => f.question))
      const files = [...before.files.filter((f) => !replaced.has(f.question)), ...changes.files]
      for (const f of files)
        if (asked.has(f.question)) answers[f.question] = { type: f.type, size: f.size, sha256: f.sha256 }
      await repo.saveDraft(db, {
        residentId: resident.id,
        serviceCode: code,
        officeId: changes.officeId ?? before.officeId,
        answers: JSON.stringify(answers),
        files: JSON.stringify(files),
        updatedAt: clock.now().toISOString(),
      })
      const { problems } = checkAnswers({ format: 1, steps: [{ ...step, showIf: undefined }] }, answers)
      return { answers, files, problems }
    },

    /** The draft as a submission, to show its document or to send it. */
    async fromDraft(resident: ResidentRow, code: string, language: Lang, signedDocument?: Buffer) {
      const d = await service.draft(resident, code)
      const fileAnswers = new Set(d.files.map((f) => f.question))
      return {
        service: code,
        officeId: d.officeId ?? '',
        language,
        answers: Object.fromEntries(Object.entries(d.answers).filter(([k]) => !fileAnswers.has(k))),
        files: d.files,
        signedDocument,
      } satisfies Submission
    },

    /** Forgets the resident's draft (sent, or abandoned). */
    dropDraft: (resident: ResidentRow, code: string) => repo.deleteDraft(db, resident.id, code),

    /** The application as the JSON API sends it: its files (base64) stored first, each checked against its question. */
    async fromJson(body: DocumentBody & { signedDocument?: string | undefined }): Promise<Submission> {
      const { eService } = await cardFor(body.service)
      const files: StoredFile[] = []
      for (const [i, f] of (body.files ?? []).entries())
        files.push(
          await storeOne(
            eService.form,
            {
              question: f.question,
              name: f.name,
              mediaType: f.mediaType,
              content: Readable.from([Buffer.from(f.content, 'base64')]),
            },
            `body.files.${i}.content`,
          ),
        )
      return {
        service: body.service,
        officeId: body.officeId,
        language: body.language,
        name: body.name,
        answers: body.answers,
        files,
        signedDocument: body.signedDocument ? Buffer.from(body.signedDocument, 'base64') : undefined,
      }
    },

    /** The application document for these answers, to sign before sending (the card requires a signature). */
    async document(resident: ResidentRow, body: Submission): Promise<Buffer> {
      return (await prepareDocument(resident, body)).document
    },

    /** Sends an application; see the service's description. `key` makes a repeated send give the first. */
    async submit(resident: ResidentRow, body: Submission, key?: string) {
      if (key) {
        const earlier = await repo.findByKey(db, resident.id, key)
        if (earlier) return service.created(earlier, null)
      }
      const p = await prepareDocument(resident, body)
      let signature: string | null = null
      if (p.eService.signature === 'required') {
        if (!body.signedDocument) throw signatureRequired()
        const report = await checkApplicantSignature(
          body.signedDocument,
          p.document,
          ports.validate,
          p.applicant.identifier,
        )
        signature = JSON.stringify({
          format: report.format,
          indication: report.indication,
          level: report.level,
          signer: report.signer?.subject ?? null,
          identifiers: report.signer?.identifiers ?? [],
          signingTime: report.signingTime,
        })
      }
      // The filed document: the signed one when signed, else the rendering of the answers.
      const filed = body.signedDocument ?? p.document
      const stored = await blobs.put(filed, { maxBytes: filed.length + 1 })
      const lang = body.language
      const title = `${p.card.name[lang]}`.slice(0, 450)
      const prepared = await ports.prepare(p.office, p.card, title, p.applicant)
      const code = trackingCode()
      const now = clock.now()
      const at = now.toISOString()
      const applicationId = newId()
      const documentName =
        body.signedDocument && stored.type === 'der' ? 'application.xml.p7s' : 'application.xml'
      const letterFiles = [
        { sha256: stored.sha256, name: documentName, type: stored.type, size: stored.size },
        ...p.files.map((f) => ({ sha256: f.sha256, name: f.name, type: f.type, size: f.size })),
      ]
      const work = inTransaction(db, async (trx) => {
        const entry = await ports.register(
          trx,
          p.office,
          { title, applicant: p.applicant, unitId: prepared.unitId, at: now },
          letterFiles,
        )
        const opened = prepared.openCase ? await prepared.openCase(trx, entry.id) : null
        const row: ApplicationRow = {
          id: applicationId,
          officeId: p.office.id,
          serviceId: p.card.id,
          serviceCode: p.card.code,
          title,
          cardVersion: p.card.version,
          residentId: resident.id,
          applicant: JSON.stringify(p.applicant),
          answers: JSON.stringify(p.answers),
          language: lang,
          entryId: entry.id,
          number: entry.number,
          caseId: opened?.id ?? null,
          trackingHash: sha256(code),
          documentSha256: stored.sha256,
          signature,
          submittedAt: at,
          idempotencyKey: key ?? null,
        }
        const files: ApplicationFileRow[] = [
          {
            applicationId,
            question: 'application',
            name: documentName,
            type: stored.type,
            size: stored.size,
            sha256: stored.sha256,
          },
          ...p.files
            .filter((f) => f.question in p.answers)
            .map((f) => ({
              applicationId,
              question: f.question,
              name: f.name,
              type: f.type,
              size: f.size,
              sha256: f.sha256,
            })),
        ]
        await repo.insertApplication(trx, row, dedupe(files))
        const contents = (kind: ReceiptContents['kind'], id: string): ReceiptContents => ({
          id,
          kind,
          office: { code: p.office.code, name: p.office.name[lang] },
          enteredAt: at,
          createdAt: at,
          number: entry.number,
          application: applicationId,
          service: { code: p.card.code, name: p.card.name[lang] },
          files: kind === 'receipt' ? letterFiles.map((f) => ({ name: f.name, sha256: f.sha256 })) : [],
        })
        const receipts: ReceiptRow[] = (['submission', 'receipt'] as const).map((kind) => {
          const id = newId()
          return {
            id,
            applicationId,
            officeId: p.office.id,
            kind,
            createdAt: at,
            contents: JSON.stringify(contents(kind, id)),
            sealedSha256: null,
            level: null,
            sealedAt: null,
          }
        })
        for (const r of receipts) await repo.insertReceipt(trx, r)
        if (p.applicant.email) {
          const t = eservicesTexts(lang)
          await jobs.enqueue(trx, RESIDENT_MAIL_JOB, {
            to: p.applicant.email,
            subject: t('mail.submitted.subject', { number: entry.number }),
            text: t('mail.submitted.body', {
              office: p.office.name[lang],
              service: title,
              at: localDateOf(now, p.office.timezone),
              number: entry.number,
              url: `${publicUrl}/my/applications/${applicationId}`,
            }),
          })
        }
        const official = receipts[1] as ReceiptRow
        await jobs.enqueue(
          trx,
          SEAL_RECEIPT_JOB,
          { receiptId: official.id },
          { key: `${SEAL_RECEIPT_JOB}:${official.id}` },
        )
        return { row, receipts, caseSign: opened?.sign ?? null }
      })
      const done = await work.catch(async (error: unknown) => {
        // The same key twice at once: the second finds the first's application.
        const first = key && isUniqueViolation(error) ? await repo.findByKey(db, resident.id, key) : undefined
        if (first) return { row: first, receipts: null, caseSign: null }
        throw error
      })
      if (!done.receipts) return service.created(done.row, null)
      // Sealed at once where the seal is at hand; the job tries again otherwise.
      const official = done.receipts[1] as ReceiptRow
      const sealed = await seal(official).catch(() => null)
      const receipts = [done.receipts[0] as ReceiptRow, sealed ? { ...official, ...sealed } : official]
      return answer(done.row, code, done.caseSign, receipts)
    },

    /**
     * Inside the transaction of each step its case takes (`case.stepped`): when the step changes what the
     * applicant sees, an e-mail in their language leaves by the mail job once the step commits.
     */
    async caseStepped(trx: Db, caseId: string, action: string) {
      const status = STATUS_AFTER[action]
      if (!status) return
      const row = await repo.findByCase(trx, caseId)
      const applicant = row ? (JSON.parse(row.applicant) as Applicant) : null
      if (!row || !applicant?.email) return
      const t = eservicesTexts(row.language as Lang)
      const words = t(`status.${status}`)
      await jobs.enqueue(trx, RESIDENT_MAIL_JOB, {
        to: applicant.email,
        subject: t('mail.status.subject', { number: row.number, status: words }),
        text: t('mail.status.body', {
          number: row.number,
          service: row.title,
          status: words,
          url: `${publicUrl}/my/applications/${row.id}`,
        }),
      })
    },

    /**
     * The applicant's answer to what the officer asked (the application awaits them): registered as a
     * new incoming letter of the office, with its files, and linked to the case, in one transaction.
     * The officer resumes the case; the clock stays stopped until they do.
     */
    async answer(resident: ResidentRow, id: string, body: { text: string; files: readonly StoredFile[] }) {
      const row = await repo.findApplication(db, id)
      if (!row || row.residentId !== resident.id) throw notFound('Application')
      const status = await statusOf(row)
      if (status.status !== 'awaiting-applicant' || !row.caseId)
        throw new AppError(
          'NOT_AWAITING_APPLICANT',
          409,
          'Nothing is asked of you',
          `Application ${row.number} is not waiting for an answer from the applicant.`,
        )
      const office = await ports.office(row.officeId)
      if (!office) throw notFound('Office')
      const text = await blobs.put(Buffer.from(body.text), { maxBytes: 100_000 })
      const applicant = JSON.parse(row.applicant) as Applicant
      const letter = await inTransaction(db, async (trx) => {
        const entry = await ports.register(
          trx,
          office,
          { title: `${row.number}: ${row.title}`.slice(0, 500), applicant, unitId: null, at: clock.now() },
          [
            { sha256: text.sha256, name: 'answer.txt', type: text.type, size: text.size },
            ...body.files.map((f) => ({ sha256: f.sha256, name: f.name, type: f.type, size: f.size })),
          ],
        )
        await ports.linkToCase(trx, row.caseId as string, entry.id)
        return entry
      })
      return { number: letter.number }
    },

    /**
     * An outgoing letter dispatched by e-service, inside its dispatch's transaction: into the inbox of
     * the applicant whose case it belongs to, with its file (the last PDF, the sealed one); an e-mail
     * tells them. A letter of no e-service application, or without a file, cannot go this way (422).
     */
    async letterDispatched(
      trx: Db,
      letter: {
        id: string
        number: string
        title: string
        dispatchedAt: string
        files: readonly { sha256: string; name: string; type: string; size: number }[]
      },
    ) {
      const refuse = (message: string) => invalid([{ path: 'body.method', message }])
      let application: ApplicationRow | undefined
      for (const caseId of await ports.casesOfLetter(trx, letter.id)) {
        application = await repo.findByCase(trx, caseId)
        if (application) break
      }
      if (!application) throw refuse('eservice: the letter belongs to no case of an e-service application')
      const app = application as ApplicationRow
      const file = letter.files.filter((f) => f.type === 'pdf').at(-1) ?? letter.files.at(-1)
      if (!file) throw refuse('eservice: attach the letter (its sealed PDF) before dispatching it')
      await repo.insertLetter(trx, {
        id: newId(),
        applicationId: app.id,
        residentId: app.residentId,
        entryId: letter.id,
        number: letter.number,
        title: letter.title,
        fileSha256: file.sha256,
        fileName: file.name,
        fileType: file.type,
        fileSize: file.size,
        dispatchedAt: letter.dispatchedAt,
        openedAt: null,
      })
      const applicant = JSON.parse(app.applicant) as Applicant
      if (applicant.email) {
        const t = eservicesTexts(app.language as Lang)
        await jobs.enqueue(trx, RESIDENT_MAIL_JOB, {
          to: applicant.email,
          subject: t('mail.letter.subject', { number: app.number }),
          text: t('mail.letter.body', { number: app.number, title: letter.title, url: `${publicUrl}/my` }),
        })
      }
    },

    /** The resident's inbox: letters from the office, newest first. */
    async letters(resident: ResidentRow) {
      const rows = await repo.lettersOf(db, resident.id)
      return {
        items: rows.map((l) => ({
          id: l.id,
          applicationId: l.applicationId,
          number: l.number,
          title: l.title,
          fileName: l.fileName,
          dispatchedAt: l.dispatchedAt,
          openedAt: l.openedAt,
        })),
      }
    },

    /** A letter's file for its resident; the first opening records its delivery in the outgoing register. */
    async openLetter(resident: ResidentRow, id: string) {
      const letter = await repo.findLetter(db, id)
      if (!letter || letter.residentId !== resident.id) throw notFound('Letter')
      const now = clock.now()
      if (await repo.markOpened(db, letter.id, now.toISOString())) {
        const office = (await repo.findApplication(db, letter.applicationId))?.officeId
        const timezone = office ? ((await ports.office(office))?.timezone ?? 'UTC') : 'UTC'
        await ports.delivered(letter.entryId, localDateOf(now, timezone))
      }
      return {
        name: letter.fileName,
        type: letter.fileType,
        size: letter.fileSize,
        content: await blobs.get(letter.fileSha256),
      }
    },

    /** What the sender of an application sent before is told again (a repeated send with its key). */
    async created(row: ApplicationRow, code: string | null) {
      const status = await statusOf(row)
      return answer(row, code, status.caseSign, await repo.receiptsOf(db, row.id))
    },

    /** Seals an official acknowledgement of receipt (the job, or right after sending). Safe to repeat. */
    async sealReceipt(payload: { receiptId: string }) {
      const r = await repo.findReceipt(db, payload.receiptId)
      if (!r || r.sealedSha256) return { sealed: false }
      const sealed = await seal(r)
      return { sealed: sealed !== null, level: sealed?.level ?? null }
    },

    /** The sealed XML of a receipt, for its applicant (or anyone holding its id and the tracking code). */
    async sealedReceipt(receiptId: string, may: (application: ApplicationRow) => boolean) {
      const { application, sealed } = await sealedFor(receiptId, may)
      return {
        name: `receipt-${application.number.replaceAll('/', '-')}.xml`,
        content: await blobs.get(sealed),
      }
    },

    /** The official receipt as a PDF with a QR code to check its sealed original (same access as the XML). */
    async receiptPdf(receiptId: string, may: (application: ApplicationRow) => boolean) {
      const { r, application, sealed } = await sealedFor(receiptId, may)
      const contents = JSON.parse(r.contents) as ReceiptContents
      const check = `${publicUrl}/receipts/${r.id}/check?h=${sealed.slice(0, 16)}`
      return {
        name: `receipt-${application.number.replaceAll('/', '-')}.pdf`,
        content: await receiptPdf(contents, application.language as Lang, check),
      }
    },

    /** The sealed original of a receipt for the public check its QR code leads to: `h` is its digest's start. */
    async storedReceipt(receiptId: string, h: string): Promise<Buffer> {
      const r = await repo.findReceipt(db, receiptId)
      if (!r?.sealedSha256 || h.length < 16 || !r.sealedSha256.startsWith(h)) throw notFound('Receipt')
      const chunks: Buffer[] = []
      for await (const chunk of await blobs.get(r.sealedSha256)) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks)
    },

    async status(resident: ResidentRow, id: string) {
      const row = await repo.findApplication(db, id)
      if (!row || row.residentId !== resident.id) throw notFound('Application')
      return statusOf(row)
    },

    async mine(resident: ResidentRow) {
      const rows = await repo.applicationsOf(db, resident.id, 100)
      return { items: await Promise.all(rows.map(statusOf)) }
    },

    /** An application found by its number and tracking code (no account): both must match. */
    async track(number: string, code: string) {
      const row = await service.byTracking(number, code)
      if (!row) throw notFound('Application')
      return statusOf(row)
    },

    /** The application whose tracking code this is, when the number matches too. */
    async byTracking(number: string, code: string) {
      const row = await repo.findByTracking(db, sha256(code))
      return row && row.number === number ? row : undefined
    },
  }
  // In-transaction subscribers (platform/reactions.ts): a failure here fails the step or the dispatch.
  reactions.on('case.stepped', (trx, step) => service.caseStepped(trx, step.caseId, step.action))
  reactions.on('letter.dispatched-by-eservice', (trx, letter) => service.letterDispatched(trx, letter))
  return service
}

/** One row per (question, file content): the same file sent twice for one question is kept once. */
function dedupe(files: ApplicationFileRow[]): ApplicationFileRow[] {
  const seen = new Set<string>()
  return files.filter((f) => {
    const key = `${f.question} ${f.sha256}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
