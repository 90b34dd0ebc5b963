import { Readable } from 'node:stream'
import { declaredBlobType, mediaTypeOf, safeFileName } from '../../platform/blobs.js'
import { nextInSequence } from '../../platform/counters.js'
import { type Db, inTransaction } from '../../platform/db/index.js'
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { foldForSearch, queryTerms } from '../../platform/search/fold.js'
import { newestVisible } from '../../platform/search/search-index.js'
import { DEFAULT_EXTRACTION_LIMITS, extractText } from '../../platform/text-extraction.js'
import { localDateOf } from '../../platform/timezone.js'
import { type Actor, reachOf } from '../identity/index.js'
import * as docs from './case-documents.repository.js'
import type { DocumentDto, EditDocumentBody, NewDocumentBody } from './case-documents.schemas.js'
import type { CasesContext } from './cases.context.js'
import { caseRules } from './cases.policy.js'
import * as repo from './cases.repository.js'
import type { CaseDto } from './cases.schemas.js'
import { type CaseRow, type DocumentRow, type DocumentVersionRow, stored } from './cases.tables.js'

/** The job that reads a document version's text for search, after the version is committed. */
export const READ_TEXT_JOB = 'cases.read-document-text'

type VersionSummary = Awaited<ReturnType<typeof docs.versionsOf>>[number]
/** What reading a version's text gave, as the version keeps it. */
type Reading = { textStatus: string; textNote: string | null; text: string | null }
type NewFile = { content: Readable; name: string | undefined; mediaType: string | undefined }

const caseClosed = (row: CaseRow) =>
  conflict('CASE_CLOSED', 'Case is closed', `Case ${row.sign} is closed: reopen it first.`)
const documentMoved = (version: number) =>
  new AppError(
    'VERSION_MISMATCH',
    412,
    'Changed since you read it',
    `The document is now at version ${version}.`,
  )

/** The DCMI type class of what a document holds. */
function dcmiClass(form: string, type: string | undefined) {
  if (form === 'paper' && !type) return 'PhysicalObject' as const
  if (type === 'png' || type === 'jpeg') return 'StillImage' as const
  if (type === 'pdf' || type === 'text' || type === 'xml' || type === undefined) return 'Text' as const
  return 'Dataset' as const
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * A case's file: documents with their metadata and versions (files in the blob store, streamed in,
 * their text read for search by a job after commit), letters of both registers linked to the case,
 * and the search over documents' text.
 */
export function caseDocuments(ctx: CasesContext) {
  function toDocumentDto(row: CaseRow, doc: DocumentRow, versions: readonly VersionSummary[]): DocumentDto {
    const current = versions.find((v) => v.version === doc.currentVersion)
    return {
      id: doc.id,
      caseId: doc.caseId,
      number: doc.seq,
      title: doc.title,
      kind: doc.kind as DocumentDto['kind'],
      form: doc.form as DocumentDto['form'],
      paperLocation: doc.paperLocation,
      metadata: {
        identifier: `${row.sign}/${doc.seq}`,
        creator: doc.creator,
        title: doc.title,
        date: { created: doc.documentDate, added: doc.createdAt },
        format: current ? mediaTypeOf(current.type).split(';')[0]! : 'paper',
        access: doc.access as DocumentDto['metadata']['access'],
        type: { class: dcmiClass(doc.form, current?.type), kind: doc.kind as DocumentDto['kind'] },
        relation: doc.relation,
        recipient: doc.recipient,
        grouping: row.sign,
        category: row.category,
        language: doc.language,
        description: doc.description,
      },
      currentVersion: doc.currentVersion,
      versions: versions.map((v) => ({
        version: v.version,
        name: v.name,
        format: mediaTypeOf(v.type).split(';')[0]!,
        size: v.size,
        sha256: v.sha256,
        reason: v.reason,
        text: v.textStatus as DocumentDto['versions'][number]['text'],
        textNote: v.textNote,
        signatures: v.signatures ? stored.signatures(v.signatures) : null,
        createdAt: v.createdAt,
        createdBy: v.createdBy,
      })),
      version: doc.version,
      createdAt: doc.createdAt,
      createdBy: doc.createdBy,
      updatedAt: doc.updatedAt,
    }
  }

  async function documentDto(from: Db, row: CaseRow, doc: DocumentRow) {
    return toDocumentDto(row, doc, await docs.versionsOf(from, [doc.id]))
  }

  /** The document's words for search: its metadata and the text read from its current version. */
  async function indexDocument(trx: Db, doc: DocumentRow) {
    const current = doc.currentVersion ? await docs.findVersion(trx, doc.id, doc.currentVersion) : undefined
    const words = [doc.title, doc.creator, doc.recipient, doc.description, current?.name, current?.text]
    await ctx.search.put(trx, 'document', doc.id, foldForSearch(words.filter(Boolean).join(' ')))
  }

  /** Loads a case the actor may change, refusing a closed one. */
  async function openCaseFor(actor: Actor, caseId: string, trx: Db) {
    const { row } = await ctx.mustLoad(actor, caseId, caseRules.work, trx)
    if (row.status === 'closed') throw caseClosed(row)
    return row
  }

  /** Streams a file into the blob store within the configured limits (413/415 before anything is kept). */
  /** A letter of either register linked to the case, in `trx`: of the same office, not void; once. */
  async function linkIn(trx: Db, actor: Actor, caseId: string, entryId: string) {
    const row = await openCaseFor(actor, caseId, trx)
    const letter = await ctx.ports.letter(trx, entryId)
    if (!letter || letter.officeId !== row.officeId)
      throw invalid([{ path: 'body.entryId', message: 'is not a letter of this office' }])
    if (letter.status === 'voided')
      throw invalid([{ path: 'body.entryId', message: `${letter.number} is void` }])
    const direction = letter.direction === 'outgoing' ? 'outgoing' : 'incoming'
    const now = ctx.clock.now().toISOString()
    if (await repo.linkLetters(trx, row.id, direction, [entryId], now, actor.login))
      await ctx.recordAction(trx, actor, row, 'letter-link', {
        entryId,
        number: letter.number,
        direction,
      })
    return row
  }

  function store(file: NewFile) {
    return ctx.files.blobs.put(file.content, {
      maxBytes: ctx.config.uploadMaxBytes,
      types: ctx.config.uploadTypes,
      declared: declaredBlobType(file.mediaType),
    })
  }

  /** Adds version `version` of `doc` in `trx`, and the job that reads its text once committed. */
  async function addVersionRow(
    trx: Db,
    actor: Actor,
    doc: DocumentRow,
    version: number,
    blob: { sha256: string; size: number; type: string },
    name: string | undefined,
    reason: string | null,
  ) {
    const row: DocumentVersionRow = {
      documentId: doc.id,
      version,
      sha256: blob.sha256,
      name: safeFileName(name, 'document'),
      type: blob.type,
      size: blob.size,
      reason,
      textStatus: 'pending',
      textNote: null,
      text: null,
      signatures: null,
      createdAt: ctx.clock.now().toISOString(),
      createdBy: actor.login,
    }
    await docs.insertVersion(trx, row)
    await ctx.files.jobs.enqueue(
      trx,
      READ_TEXT_JOB,
      { documentId: doc.id, version },
      { key: `${READ_TEXT_JOB}:${doc.id}:${version}`, maxAttempts: 3 },
    )
    return row
  }

  /** Reads a stored version's text within the limits. */
  async function read(version: { sha256: string; size: number; type: string }): Promise<Reading> {
    if (version.size > DEFAULT_EXTRACTION_LIMITS.maxBytes)
      return {
        textStatus: 'refused',
        textNote: `larger than ${DEFAULT_EXTRACTION_LIMITS.maxBytes} bytes`,
        text: null,
      }
    const bytes = await readAll(await ctx.files.blobs.get(version.sha256))
    const found = await extractText(bytes, version.type as Parameters<typeof extractText>[1])
    return found.status === 'done'
      ? {
          textStatus: 'done',
          textNote: found.truncated ? 'only the beginning was read' : null,
          text: found.text,
        }
      : { textStatus: found.status, textNote: found.reason, text: null }
  }

  /**
   * Files a document in a case within `trx`: its number in the case file, its metadata, its first
   * version when a stored file comes with it, its words for search, the audit entry.
   */
  async function fileIn(
    trx: Db,
    actor: Actor,
    row: CaseRow,
    body: NewDocumentBody,
    file:
      | {
          blob: { sha256: string; size: number; type: string }
          name: string | undefined
          reason: string | null
        }
      | undefined,
    defaults: { language: string | undefined; today: string },
  ): Promise<DocumentDto> {
    const blob = file?.blob
    const now = ctx.clock.now().toISOString()
    const doc: DocumentRow = {
      id: newId(),
      caseId: row.id,
      seq: await nextInSequence(trx, `case-file:${row.id}`, 'all'),
      title: body.title,
      kind: body.kind,
      form: body.form,
      access: body.access ?? 'internal',
      language: body.language ?? defaults.language ?? 'pl',
      documentDate: body.documentDate ?? defaults.today,
      creator: body.creator ?? actor.login,
      recipient: body.recipient ?? null,
      relation: body.relation ?? null,
      description: body.description ?? null,
      paperLocation: body.paperLocation ?? null,
      currentVersion: blob ? 1 : 0,
      version: 1,
      createdAt: now,
      createdBy: actor.login,
      updatedAt: now,
    }
    await docs.insertDocument(trx, doc)
    const version = blob ? await addVersionRow(trx, actor, doc, 1, blob, file.name, file.reason) : undefined
    await indexDocument(trx, doc)
    await ctx.recordAction(trx, actor, row, 'document-add', {
      documentId: doc.id,
      number: doc.seq,
      title: doc.title,
      kind: doc.kind,
      form: doc.form,
      ...(version ? { file: { name: version.name, sha256: version.sha256, size: version.size } } : {}),
    })
    return documentDto(trx, row, doc)
  }

  /**
   * Makes a stored file the document's next version in one transaction: the document moved on (a
   * paper-only one becomes digitised), the version and its text-reading job, the search words and the
   * case's audit entry. 412 when the document changed since `ifMatch`.
   */
  async function newVersion(
    actor: Actor,
    caseId: string,
    documentId: string,
    file: {
      blob: { sha256: string; size: number; type: string }
      name: string | undefined
      reason: string | null
    },
    ifMatch: number | undefined,
    action: 'document-version' | 'document-seal',
  ): Promise<DocumentDto> {
    return inTransaction(ctx.db, async (trx) => {
      const row = await openCaseFor(actor, caseId, trx)
      const doc = await docs.findDocument(trx, caseId, documentId)
      if (!doc) throw notFound('Document')
      if (ifMatch !== undefined && ifMatch !== doc.version) throw documentMoved(doc.version)
      const version = doc.currentVersion + 1
      const next: DocumentRow = {
        ...doc,
        form: doc.form === 'paper' ? 'digitised' : doc.form,
        currentVersion: version,
        version: doc.version + 1,
        updatedAt: ctx.clock.now().toISOString(),
      }
      if (!(await docs.updateDocument(trx, doc.id, doc.version, next))) throw documentMoved(doc.version + 1)
      const added = await addVersionRow(trx, actor, next, version, file.blob, file.name, file.reason)
      await indexDocument(trx, next)
      await ctx.recordAction(trx, actor, row, action, {
        documentId: doc.id,
        number: doc.seq,
        version,
        ...(file.reason ? { reason: file.reason } : {}),
        file: { name: added.name, sha256: added.sha256, size: added.size },
      })
      return documentDto(trx, row, next)
    })
  }

  return {
    /** Files a document within a transaction another step of the case opened (a notice it drafts). */
    fileIn,
    api: {
      /**
       * Adds a document to a case's file: its metadata, and its first version when a file comes with
       * it (streamed into the blob store before the transaction, so a refused file leaves nothing). A
       * paper-only document has no file; it says where the paper is.
       */
      async addDocument(
        actor: Actor,
        caseId: string,
        body: NewDocumentBody,
        file?: NewFile & { reason?: string | undefined },
      ): Promise<DocumentDto> {
        const { row: seen } = await ctx.mustLoad(actor, caseId, caseRules.work)
        if (seen.status === 'closed') throw caseClosed(seen)
        const office = await ctx.ports.office(seen.officeId)
        const today = localDateOf(ctx.clock.now(), office?.timezone ?? 'UTC')
        if (body.documentDate && body.documentDate > today)
          throw invalid([{ path: 'body.documentDate', message: 'is in the future' }])
        if (body.form === 'paper' && file)
          throw invalid([{ path: 'body.form', message: 'a paper-only document has no file: say digitised' }])
        const blob = file ? await store(file) : undefined
        return inTransaction(ctx.db, async (trx) => {
          const row = await openCaseFor(actor, caseId, trx)
          return fileIn(
            trx,
            actor,
            row,
            body,
            blob && { blob, name: file?.name, reason: file?.reason ?? null },
            {
              language: office?.defaultLanguage,
              today,
            },
          )
        })
      },

      /**
       * Adds a new version of a document's content, with the reason for it. A paper-only document that
       * gets its scan becomes digitised. Versions are never replaced or removed.
       */
      async addDocumentVersion(
        actor: Actor,
        caseId: string,
        documentId: string,
        file: NewFile,
        reason: string | undefined,
        ifMatch?: number,
      ): Promise<DocumentDto> {
        const { row: seen } = await ctx.mustLoad(actor, caseId, caseRules.work)
        if (seen.status === 'closed') throw caseClosed(seen)
        if (!(await docs.findDocument(ctx.db, caseId, documentId))) throw notFound('Document')
        const blob = await store(file)
        return newVersion(
          actor,
          caseId,
          documentId,
          { blob, name: file.name, reason: reason ?? null },
          ifMatch,
          'document-version',
        )
      },

      /**
       * Seals the document's current version (a PDF or an XML document) with the office's seal, on
       * behalf of the unit's head who asks: the sealed file becomes the next version, with who sealed
       * it as the reason, and the seal is audited on the office and the case. A file signed elsewhere
       * (a qualified signature) is added as a version instead, and validated when stored.
       */
      async sealDocument(
        actor: Actor,
        caseId: string,
        documentId: string,
        options: { visible: boolean },
        ifMatch?: number,
      ): Promise<DocumentDto> {
        const { row: seen } = await ctx.mustLoad(actor, caseId, caseRules.seal)
        if (seen.status === 'closed') throw caseClosed(seen)
        const doc = await docs.findDocument(ctx.db, caseId, documentId)
        if (!doc) throw notFound('Document')
        if (ifMatch !== undefined && ifMatch !== doc.version) throw documentMoved(doc.version)
        const current = await docs.findVersion(ctx.db, doc.id, doc.currentVersion)
        if (!current || (current.type !== 'pdf' && current.type !== 'xml'))
          throw new AppError(
            'NOT_SEALABLE',
            422,
            'Cannot be sealed',
            'Only a PDF or an XML document can be sealed.',
          )
        const sealed = await ctx.ports.seal(
          actor,
          seen.officeId,
          await readAll(await ctx.files.blobs.get(current.sha256)),
          {
            visible: options.visible,
          },
        )
        const blob = await store({
          content: Readable.from([sealed]),
          name: current.name,
          mediaType: current.type === 'pdf' ? 'application/pdf' : 'application/xml',
        })
        const name = current.name.replace(/(\.(pdf|xml))?$/i, (ext) => `-sealed${ext || `.${current.type}`}`)
        return newVersion(
          actor,
          caseId,
          documentId,
          { blob, name, reason: `sealed with the office seal on behalf of ${actor.login}` },
          doc.version,
          'document-seal',
        )
      },

      /** Corrects a document's metadata; each change audited on the case with what it was. */
      async editDocument(
        actor: Actor,
        caseId: string,
        documentId: string,
        patch: EditDocumentBody,
        ifMatch?: number,
      ): Promise<DocumentDto> {
        return inTransaction(ctx.db, async (trx) => {
          const row = await openCaseFor(actor, caseId, trx)
          const doc = await docs.findDocument(trx, caseId, documentId)
          if (!doc) throw notFound('Document')
          if (ifMatch !== undefined && ifMatch !== doc.version) throw documentMoved(doc.version)
          const changes: Record<string, { from: unknown; to: unknown }> = {}
          const next: DocumentRow = { ...doc }
          for (const [key, value] of Object.entries(patch) as [keyof EditDocumentBody, string | null][]) {
            if (value === undefined || doc[key] === value) continue
            changes[key] = { from: doc[key], to: value }
            Object.assign(next, { [key]: value })
          }
          if (Object.keys(changes).length === 0) return documentDto(trx, row, doc)
          next.version = doc.version + 1
          next.updatedAt = ctx.clock.now().toISOString()
          if (!(await docs.updateDocument(trx, doc.id, doc.version, next)))
            throw documentMoved(doc.version + 1)
          await indexDocument(trx, next)
          await ctx.recordAction(trx, actor, row, 'document-edit', {
            documentId: doc.id,
            number: doc.seq,
            changes,
          })
          return documentDto(trx, row, next)
        })
      },

      /** A case's file in order, for whoever may read the case. */
      async listDocuments(actor: Actor, caseId: string): Promise<DocumentDto[]> {
        const { row } = await ctx.mustLoad(actor, caseId, caseRules.read)
        const rows = await docs.documentsOf(ctx.db, row.id)
        const versions = await docs.versionsOf(
          ctx.db,
          rows.map((d) => d.id),
        )
        return rows.map((d) =>
          toDocumentDto(
            row,
            d,
            versions.filter((v) => v.documentId === d.id),
          ),
        )
      },

      async getDocument(actor: Actor, caseId: string, documentId: string): Promise<DocumentDto> {
        const { row } = await ctx.mustLoad(actor, caseId, caseRules.read)
        const doc = await docs.findDocument(ctx.db, row.id, documentId)
        if (!doc) throw notFound('Document')
        return documentDto(ctx.db, row, doc)
      },

      /** One version's content, streamed from the blob store, for whoever may read the case. */
      async openDocumentVersion(actor: Actor, caseId: string, documentId: string, version: number) {
        const { row } = await ctx.mustLoad(actor, caseId, caseRules.read)
        const doc = await docs.findDocument(ctx.db, row.id, documentId)
        const found = doc ? await docs.findVersion(ctx.db, doc.id, version) : undefined
        if (!found) throw notFound('Document version')
        if (row.disposal === 'destroyed')
          throw new AppError(
            'DESTROYED',
            410,
            'Destroyed',
            `The files of case ${row.sign} were destroyed under ${row.disposalReference} with the archive's consent.`,
          )
        return {
          name: found.name,
          type: found.type,
          size: found.size,
          content: await ctx.files.blobs.get(found.sha256),
        }
      },

      /**
       * The job after a version is committed: reads its text (a PDF's text layer in a child process
       * with memory and time limits, plain text as it is) and indexes the document with it. Safe to
       * repeat; a version already superseded is not read, and content read before is not read again.
       */
      async readDocumentText(payload: { documentId: string; version: number }) {
        const found = await docs.findVersion(ctx.db, payload.documentId, payload.version)
        if (!found) return { skipped: 'no such version' }
        if (found.textStatus !== 'pending') return { skipped: `already ${found.textStatus}` }
        const doc = await docs.findDocumentById(ctx.db, payload.documentId)
        const outcome: Reading =
          !doc || doc.currentVersion !== payload.version
            ? { textStatus: 'none', textNote: 'a newer version was added first', text: null }
            : // The same file read before (another copy of a scan, a form letter) is not read again.
              ((await docs.earlierReading(ctx.db, found.sha256)) ?? (await read(found)))
        await inTransaction(ctx.db, async (trx) => {
          await docs.recordText(trx, payload.documentId, payload.version, outcome)
          const current = await docs.findDocumentById(trx, payload.documentId)
          if (current) await indexDocument(trx, current)
        })
        // Who signed it: a PDF's or an XML file's signatures, validated once the version is stored.
        let signatures = 0
        if ((found.type === 'pdf' || found.type === 'xml') && found.signatures === null) {
          const signed = await ctx.ports.signaturesIn(await readAll(await ctx.files.blobs.get(found.sha256)))
          await docs.recordSignatures(ctx.db, payload.documentId, payload.version, JSON.stringify(signed))
          signatures = signed.length
        }
        return { text: outcome.textStatus, chars: outcome.text?.length ?? 0, signatures }
      },

      /**
       * Links a letter of either register to the case (a reply registered as outgoing, a further
       * letter of the resident): a letter of the same office, not void; linked once.
       */
      async linkLetter(actor: Actor, caseId: string, entryId: string): Promise<CaseDto> {
        const row = await inTransaction(ctx.db, (trx) => linkIn(trx, actor, caseId, entryId))
        return ctx.toDto(actor, row)
      },

      /** Links a letter to the case inside the caller's transaction (a resident's answer registered with it). */
      async linkLetterIn(trx: Db, actor: Actor, caseId: string, entryId: string): Promise<void> {
        await linkIn(trx, actor, caseId, entryId)
      },

      /** The ids of the cases a letter belongs to, read through `uow` (another module's transaction). */
      casesOfLetterIn: (uow: Db, entryId: string) => repo.casesOfLetter(uow, entryId),

      /** The cases a letter belongs to, of those the actor may read: the other way of the link. */
      async casesOfLetter(actor: Actor, entryId: string): Promise<CaseDto[]> {
        const ids = await repo.casesOfLetter(ctx.db, entryId)
        const reach = { ...reachOf(actor, ['admin', 'officer', 'head']), viewerId: actor.id }
        const rows = await repo.searchCases(ctx.db, ids, reach, undefined)
        return ctx.toDtos(actor, rows)
      },

      /** Documents whose metadata or text match `q`, newest first, in cases the actor may read. */
      async searchDocuments(actor: Actor, q: string, officeId: string | undefined, limit: number) {
        const terms = queryTerms(q)
        if (terms.length === 0) return []
        const reach = { ...reachOf(actor, ['admin', 'officer', 'head']), viewerId: actor.id }
        return newestVisible(
          ctx.search,
          ctx.db,
          'document',
          terms,
          limit,
          async (ids) => {
            const found = await docs.documentsByIds(ctx.db, ids)
            const cases = await repo.searchCases(
              ctx.db,
              [...new Set(found.map((d) => d.caseId))],
              reach,
              officeId,
            )
            const byId = new Map(cases.map((c) => [c.id, c]))
            return found.flatMap((d) => {
              const owner = byId.get(d.caseId)
              return owner ? [{ document: d, case: owner }] : []
            })
          },
          (hit) => hit.document.id,
        )
      },
    },
  }
}
