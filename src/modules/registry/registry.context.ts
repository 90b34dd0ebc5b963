import { TZDate } from '@date-fns/tz'
import type { AuditTrail } from '../../platform/audit-trail.js'
import type { BlobStore } from '../../platform/blobs.js'
import type { Clock } from '../../platform/clock.js'
import type { Config } from '../../platform/config.js'
import { type Db, inTransaction, withTables } from '../../platform/db/index.js'
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js'
import type { SignaturesFound } from '../../platform/http/schemas.js'
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
import { transition } from './entry-transitions.js'
import * as repo from './registry.repository.js'
import type { Correspondent, Direction, FileDto, IncomingDto, OutgoingDto } from './registry.schemas.js'
import { type EntryRow, type FileRow, type RegistryTables, stored } from './registry.tables.js'

/** What the registry needs of the offices and identity modules. */
export interface RegistryPorts {
  office(
    id: string,
  ): Promise<{ id: string; code: string; timezone: string; defaultLanguage: Lang } | undefined>
  /** A unit (read through `uow`, inside the registry's transactions too). */
  unit(uow: Db, id: string): Promise<{ id: string; officeId: string; code: string } | undefined>
  /** A user's role grants (read through `uow`), or null when there is no such active user. */
  grantsOf(uow: Db, userId: string): Promise<readonly RoleGrant[] | null>
  /** The signatures in a stored file (a PDF, an XML, a CMS file), validated; empty when it holds none. */
  signaturesIn(bytes: Buffer): Promise<SignaturesFound>
  /**
   * Told inside the transaction of an outgoing letter's dispatch by e-service
   * (`letter.dispatched-by-eservice`): the module that delivers it (the resident's inbox) takes it,
   * or refuses the dispatch (422).
   */
  reactions: ReactionPublisher
}

declare module '../../platform/events.js' {
  interface EventMap {
    /** An outgoing letter dispatched by e-service: its files go to the applicant's inbox. */
    'letter.dispatched-by-eservice': {
      id: string
      officeId: string
      number: string
      title: string
      dispatchedAt: string
      files: readonly { sha256: string; name: string; type: string; size: number }[]
    }
  }
}

export type EntryDto = IncomingDto | OutgoingDto
export type RegistryContext = ReturnType<typeof registryContext>

const versionMoved = (version: number) =>
  new AppError(
    'VERSION_MISMATCH',
    412,
    'Changed since you read it',
    `The entry is now at version ${version}.`,
  )

/** The registry's shared internals: loading entries with their rights, DTOs, and one change path. */
export function registryContext(
  database: Db,
  clock: Clock,
  audit: AuditTrail,
  blobs: BlobStore,
  jobs: JobStore,
  search: SearchIndex,
  config: Pick<Config, 'uploadMaxBytes' | 'uploadTypes' | 'registerNumbers'>,
  ports: RegistryPorts,
) {
  const db = withTables<RegistryTables>(database)

  const governed = (row: Pick<EntryRow, 'officeId' | 'unitId' | 'assigneeId'>) => ({
    officeId: row.officeId,
    unitId: row.unitId,
    assigneeId: row.assigneeId,
  })

  function toFileDto(f: FileRow): FileDto {
    return {
      id: f.id,
      name: f.name,
      type: f.type,
      size: f.size,
      sha256: f.sha256,
      uploadedAt: f.uploadedAt,
      uploadedBy: f.uploadedBy,
      signatures: f.signatures ? stored.signatures(f.signatures) : null,
    }
  }

  function party(row: EntryRow) {
    const p = stored.party(row.party)
    const a = p.address
    return {
      kind: p.kind,
      name: p.name,
      address: a
        ? {
            street: a.street ?? null,
            postcode: a.postcode ?? null,
            city: a.city ?? null,
            country: a.country ?? null,
          }
        : null,
      email: p.email ?? null,
    }
  }

  function toDto(row: EntryRow, files: FileRow[]): EntryDto {
    const base = {
      id: row.id,
      officeId: row.officeId,
      number: row.number,
      year: row.year,
      seq: row.seq,
      title: row.title,
      letterDate: row.letterDate,
      attachments: row.attachments,
      notes: row.notes,
      unitId: row.unitId,
      assigneeId: row.assigneeId,
      voidReason: row.voidReason,
      version: row.version,
      registeredAt: row.registeredAt,
      registeredBy: row.registeredBy,
      updatedAt: row.updatedAt,
      files: files.filter((f) => f.entryId === row.id).map(toFileDto),
    }
    if (row.direction === 'incoming')
      return {
        ...base,
        status: row.status as IncomingDto['status'],
        receivedAt: row.receivedAt as string,
        channel: row.channel as IncomingDto['channel'],
        sender: party(row),
        senderReference: row.reference,
      }
    return {
      ...base,
      status: row.status as OutgoingDto['status'],
      recipient: party(row),
      method: row.method as OutgoingDto['method'],
      reference: row.reference,
      trackingNumber: row.trackingNumber,
      dispatchedAt: row.dispatchedAt,
      deliveredOn: row.deliveredOn,
      deliveryFileId: row.deliveryFileId,
    }
  }

  /** What a version keeps: the entry's fields after the change (files are listed apart). */
  function stateOf(row: EntryRow): Record<string, unknown> {
    const { files: _files, ...state } = toDto(row, [])
    return state
  }

  /** The text the search port keeps for an entry: number, subject, party, references, notes. */
  function searchText(row: EntryRow): string {
    const p = stored.party(row.party)
    return foldForSearch(
      [row.number, row.title, p.name, p.address?.city, p.email, row.reference, row.trackingNumber, row.notes]
        .filter(Boolean)
        .join(' '),
    )
  }

  async function mustLoad(actor: Actor, direction: Direction, id: string, rule: Rule, from: Db = db) {
    const row = await repo.findEntry(from, id)
    if (!row || row.direction !== direction)
      throw notFound(direction === 'incoming' ? 'Incoming entry' : 'Outgoing entry')
    if (!allow(actor, rule, governed(row))) throw forbidden()
    return row
  }

  /** Writes a new version of the entry as it is after `patch` and records it in the audit log. */
  async function recordVersion(
    trx: Db,
    actor: Actor,
    row: EntryRow,
    action: string,
    summary: Record<string, unknown>,
  ) {
    await repo.insertVersion(trx, {
      entryId: row.id,
      version: row.version,
      action,
      state: JSON.stringify(stateOf(row)),
      changedAt: row.updatedAt,
      changedBy: actor.login,
    })
    await audit.record(
      trx,
      auditRecordBy(actor, {
        action: `${row.direction}.${action}`,
        officeId: row.officeId,
        subjectType: `${row.direction}-entry`,
        subjectId: row.id,
        summary: { number: row.number, ...summary },
      }),
    )
    await search.put(trx, row.direction, row.id, searchText(row))
  }

  /**
   * One change of an entry in one transaction: read it again under the transaction, check who may
   * act (`rule`), what its state allows (`action`) and the version the caller saw, write the new
   * state, its version and its audit record. `make` computes the patch from the current row.
   */
  async function change(
    actor: Actor,
    direction: Direction,
    id: string,
    action: string,
    rule: Rule,
    make: (row: EntryRow, trx: Db) => Promise<Partial<EntryRow>> | Partial<EntryRow>,
    options: { ifMatch?: number | undefined; summary?: (row: EntryRow) => Record<string, unknown> } = {},
  ): Promise<EntryDto> {
    const updated = await inTransaction(db, async (trx) => {
      const row = await mustLoad(actor, direction, id, rule, trx)
      if (options.ifMatch !== undefined && options.ifMatch !== row.version) throw versionMoved(row.version)
      const status = transition(row, action)
      const patch = await make(row, trx)
      const next: EntryRow = {
        ...row,
        ...patch,
        status,
        version: row.version + 1,
        updatedAt: clock.now().toISOString(),
      }
      const { id: _id, officeId: _o, direction: _d, year: _y, seq: _s, number: _n, ...write } = next
      if (!(await repo.updateEntry(trx, row.id, row.version, write))) throw versionMoved(row.version + 1)
      await recordVersion(trx, actor, next, action, options.summary?.(next) ?? changedFields(row, next))
      return next
    })
    return toDto(updated, await repo.filesOf(db, [updated.id]))
  }

  /** Checks an assignment: a unit of the entry's office, and a user who works in that unit. */
  async function checkAssignee(
    trx: Db,
    officeId: string,
    unitId: string,
    userId: string | null | undefined,
    at: string,
  ) {
    const unit = await ports.unit(trx, unitId)
    if (!unit || unit.officeId !== officeId)
      throw invalid([{ path: `${at}.unitId`, message: 'is not a unit of this office' }])
    if (userId) {
      const grants = await ports.grantsOf(trx, userId)
      if (!grantsReachUnit(grants, ['officer', 'head'], { officeId, unitId }))
        throw invalid([{ path: `${at}.userId`, message: 'is not an officer or head of this unit' }])
    }
  }

  return {
    db,
    clock,
    periodBounds,
    audit,
    blobs,
    jobs,
    search,
    config,
    ports,
    governed,
    toDto,
    stateOf,
    mustLoad,
    recordVersion,
    change,
    checkAssignee,
    toFileDto,
    correspondentJson: (c: Correspondent) => JSON.stringify(c),
  }
}

/** The fields a change touched, `{ from, to }`, for the audit log. */
function changedFields(before: EntryRow, after: EntryRow): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(after) as (keyof EntryRow)[]) {
    if (key === 'version' || key === 'updatedAt') continue
    if (before[key] !== after[key]) out[key] = { from: before[key], to: after[key] }
  }
  return out
}

/**
 * The instants [from, to) of an office-local period: a year (`2026`), a month (`2026-11`) or a day
 * (`2026-11-30`), midnight to midnight in the office's time zone.
 */
export function periodBounds(period: string, zone: string): { from: string; to: string } {
  const [y, m, d] = period.split('-').map(Number) as [number, number | undefined, number | undefined]
  const start = new TZDate(y, (m ?? 1) - 1, d ?? 1, 0, 0, zone)
  const end =
    d !== undefined
      ? new TZDate(y, (m as number) - 1, d + 1, 0, 0, zone)
      : m !== undefined
        ? new TZDate(y, m, 1, 0, 0, zone)
        : new TZDate(y + 1, 0, 1, 0, 0, zone)
  return { from: new Date(start.getTime()).toISOString(), to: new Date(end.getTime()).toISOString() }
}
