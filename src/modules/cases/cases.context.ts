import type { AuditTrail } from '../../platform/audit-trail.js'
import type { BlobStore } from '../../platform/blobs.js'
import type { Clock } from '../../platform/clock.js'
import type { Config } from '../../platform/config.js'
import { type Db, withTables } from '../../platform/db/index.js'
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js'
import type { Lang } from '../../platform/i18n/index.js'
import type { JobStore } from '../../platform/jobs/index.js'
import type { ReactionPublisher } from '../../platform/reactions.js'
import { foldForSearch } from '../../platform/search/fold.js'
import type { SearchIndex } from '../../platform/search/search-index.js'
import {
  type Actor,
  allow,
  auditRecordBy,
  grantsReachUnit,
  type RoleGrant,
  type Rule,
} from '../identity/index.js'
import type { DocumentSignatures } from './case-documents.schemas.js'
import { type CaseAction, caseActionsFrom } from './case-transitions.js'
import { STEP_RULES } from './cases.policy.js'
import * as repo from './cases.repository.js'
import type { CaseDto } from './cases.schemas.js'
import { type CaseRow, type CasesTables, stored } from './cases.tables.js'
import type { ClassificationService } from './classification.service.js'

/** What the cases module needs of offices, identity, the registry and the classification. */
export interface CasePorts {
  office(id: string): Promise<
    | {
        id: string
        code: string
        name: Record<Lang, string>
        timezone: string
        defaultLanguage: Lang
        address: { country: string }
      }
    | undefined
  >
  /** The network's centres, for the counts of overdue cases per centre. */
  offices(): Promise<{ id: string; code: string; name: Record<Lang, string>; timezone: string }[]>
  /** The day off a date is at an office (a public holiday of its country, its own closure), named; or null. */
  dayOff(officeId: string, date: string): Promise<string | null>
  /** A published service card, for a case opened for it. */
  service(id: string): Promise<{ code: string; processingTime?: string | undefined } | undefined>
  unit(
    uow: Db,
    id: string,
  ): Promise<{ id: string; officeId: string; code: string; name: Record<Lang, string> } | undefined>
  grantsOf(uow: Db, userId: string): Promise<readonly RoleGrant[] | null>
  letter(
    uow: Db,
    id: string,
  ): Promise<
    | {
        id: string
        officeId: string
        direction: string
        status: string
        number: string
        party: string | null
        letterDate: string | null
        receivedAt: string | null
        reference: string | null
      }
    | undefined
  >
  classification: Pick<ClassificationService, 'leafClass'>
  /** Seals a PDF or XML file with the office's seal on behalf of `actor` (a head the case allowed). */
  seal(actor: Actor, officeId: string, bytes: Buffer, options: { visible: boolean }): Promise<Buffer>
  /** The signatures in a stored file (a PDF, an XML), validated; empty when it holds none. */
  signaturesIn(bytes: Buffer): Promise<DocumentSignatures>
  /**
   * Told inside the transaction of every step a case takes (`case.stepped`: opened, assigned,
   * suspended, dispatched…): the e-service whose application follows its case reacts in it.
   */
  reactions: ReactionPublisher
  /** Of these stored files, those another module still holds (the registers' scans): never removed with a case. */
  filesHeldElsewhere(sha256s: readonly string[]): Promise<Set<string>>
}

declare module '../../platform/events.js' {
  interface EventMap {
    /** A case took a step (its action, as in the audit log: `opened`, `assigned`, `dispatched`…). */
    'case.stepped': { caseId: string; action: string }
  }
}

export type CasesContext = ReturnType<typeof casesContext>
export type CasesConfig = Pick<
  Config,
  'caseSign' | 'uploadMaxBytes' | 'uploadTypes' | 'uaServiceTerm' | 'archiveTransferYears'
>

/** Where a case file's documents are kept, and the jobs that read their text after commit. */
export interface CaseFiles {
  blobs: BlobStore
  jobs: Pick<JobStore, 'enqueue'>
}

export const versionMoved = (version: number) =>
  new AppError('VERSION_MISMATCH', 412, 'Changed since you read it', `The case is now at version ${version}.`)

/** The cases module's shared internals: loading a case with its rights, DTOs, audit and search. */
export function casesContext(
  database: Db,
  clock: Clock,
  audit: AuditTrail,
  search: SearchIndex,
  config: CasesConfig,
  ports: CasePorts,
  files: CaseFiles,
) {
  const db = withTables<CasesTables>(database)

  async function governed(from: Db, row: CaseRow) {
    return {
      officeId: row.officeId,
      unitId: row.unitId,
      assigneeId: row.assigneeId,
      sharedWith: await repo.accessOf(from, row.id),
    }
  }

  async function mustLoad(actor: Actor, id: string, rule: Rule, from: Db = db) {
    const row = await repo.findCase(from, id)
    if (!row) throw notFound('Case')
    const record = await governed(from, row)
    if (!allow(actor, rule, record)) throw forbidden()
    return { row, record }
  }

  /** Cases as the API shows them, with the steps `actor` may take now; one query each for all their letters and access. */
  async function toDtos(actor: Actor, rows: readonly CaseRow[], from: Db = db): Promise<CaseDto[]> {
    const ids = rows.map((r) => r.id)
    const [letters, access] = await Promise.all([repo.lettersOf(from, ids), repo.accessOfMany(from, ids)])
    return rows.map((row) => {
      const record = {
        officeId: row.officeId,
        unitId: row.unitId,
        assigneeId: row.assigneeId,
        sharedWith: access.get(row.id) ?? [],
      }
      const own = letters.filter((l) => l.caseId === row.id)
      return {
        id: row.id,
        officeId: row.officeId,
        unitId: row.unitId,
        sign: row.sign,
        symbol: row.symbol,
        category: row.category,
        classificationId: row.classificationId,
        year: row.year,
        number: row.seq,
        parentId: row.parentId,
        title: row.title,
        status: row.status,
        startedOn: row.startedOn,
        closedOn: row.closedOn,
        assigneeId: row.assigneeId,
        parties: stored.parties(row.parties),
        serviceId: row.serviceId,
        term: row.term,
        termSource: row.termSource as CaseDto['termSource'],
        termBasis: row.termBasis,
        dueOn: row.dueOn,
        dueSteps: row.dueSteps ? stored.dueSteps(row.dueSteps) : [],
        suspendedOn: row.suspendedOn,
        suspendedDays: row.suspendedDays,
        noticeDueOn: row.noticeDueOn,
        disposal: row.disposal as CaseDto['disposal'],
        disposedOn: row.disposedOn,
        disposalReference: row.disposalReference,
        incomingIds: own.filter((l) => l.direction === 'incoming').map((l) => l.entryId),
        outgoingIds: own.filter((l) => l.direction === 'outgoing').map((l) => l.entryId),
        // The buttons this actor may press now: what the state allows and the rules let them do.
        next: caseActionsFrom(row.status).filter((a: CaseAction) => allow(actor, STEP_RULES[a], record)),
        version: row.version,
        createdAt: row.createdAt,
        createdBy: row.createdBy,
        updatedAt: row.updatedAt,
      }
    })
  }

  async function toDto(actor: Actor, row: CaseRow, from: Db = db): Promise<CaseDto> {
    return (await toDtos(actor, [row], from))[0]!
  }

  async function recordAction(
    trx: Db,
    actor: Actor,
    row: CaseRow,
    action: string,
    summary: Record<string, unknown>,
  ) {
    await audit.record(
      trx,
      auditRecordBy(actor, {
        action: `case.${action}`,
        officeId: row.officeId,
        subjectType: 'case',
        subjectId: row.id,
        summary: { sign: row.sign, ...summary },
      }),
    )
    await ports.reactions.publish(trx, 'case.stepped', { caseId: row.id, action })
    const parties = stored.parties(row.parties).map((p) => p.name)
    await search.put(trx, 'case', row.id, foldForSearch([row.sign, row.title, ...parties].join(' ')))
  }

  /** An officer or head whose grant reaches the unit; 422 on `path` otherwise. */
  async function checkAssignee(trx: Db, officeId: string, unitId: string, userId: string, path: string) {
    const grants = await ports.grantsOf(trx, userId)
    if (!grantsReachUnit(grants, ['officer', 'head'], { officeId, unitId }))
      throw invalid([{ path, message: 'is not an officer or head of this unit' }])
  }

  return {
    db,
    clock,
    audit,
    search,
    config,
    ports,
    files,
    mustLoad,
    toDto,
    toDtos,
    recordAction,
    checkAssignee,
  }
}
