import { type Db, withTables } from '../../platform/db/index.js'
import type { CasesTables, DocumentRow, DocumentVersionRow } from './cases.tables.js'

const t = (db: Db) => withTables<CasesTables>(db)

export async function insertDocument(trx: Db, row: DocumentRow): Promise<void> {
  await t(trx).insertInto('caseDocuments').values(row).execute()
}

export function findDocument(db: Db, caseId: string, id: string): Promise<DocumentRow | undefined> {
  return t(db)
    .selectFrom('caseDocuments')
    .selectAll()
    .where('id', '=', id)
    .where('caseId', '=', caseId)
    .executeTakeFirst()
}

export function findDocumentById(db: Db, id: string): Promise<DocumentRow | undefined> {
  return t(db).selectFrom('caseDocuments').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A case's documents in the order of its file. */
export function documentsOf(db: Db, caseId: string): Promise<DocumentRow[]> {
  return t(db).selectFrom('caseDocuments').selectAll().where('caseId', '=', caseId).orderBy('seq').execute()
}

/** Writes the document's new state if it is still at `version`; false when someone changed it first. */
export async function updateDocument(
  trx: Db,
  id: string,
  version: number,
  patch: Partial<DocumentRow>,
): Promise<boolean> {
  const result = await t(trx)
    .updateTable('caseDocuments')
    .set(patch)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function insertVersion(trx: Db, row: DocumentVersionRow): Promise<void> {
  await t(trx).insertInto('caseDocumentVersions').values(row).execute()
}

/** The versions of documents, newest first within each; their text is left out (it can be long). */
export function versionsOf(db: Db, documentIds: readonly string[]) {
  if (documentIds.length === 0) return Promise.resolve([])
  return t(db)
    .selectFrom('caseDocumentVersions')
    .select([
      'documentId',
      'version',
      'sha256',
      'name',
      'type',
      'size',
      'reason',
      'textStatus',
      'textNote',
      'signatures',
      'createdAt',
      'createdBy',
    ])
    .where('documentId', 'in', documentIds)
    .orderBy('documentId')
    .orderBy('version', 'desc')
    .execute()
}

export function findVersion(db: Db, documentId: string, version: number) {
  return t(db)
    .selectFrom('caseDocumentVersions')
    .selectAll()
    .where('documentId', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst()
}

/** Records what reading the version's text gave. */
export async function recordText(
  trx: Db,
  documentId: string,
  version: number,
  outcome: { textStatus: string; textNote: string | null; text: string | null },
): Promise<void> {
  await t(trx)
    .updateTable('caseDocumentVersions')
    .set(outcome)
    .where('documentId', '=', documentId)
    .where('version', '=', version)
    .execute()
}

export function documentsByIds(db: Db, ids: readonly string[]): Promise<DocumentRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  return t(db).selectFrom('caseDocuments').selectAll().where('id', 'in', ids).execute()
}

/** What reading the same content gave before (in any document), when it was read to an end. */
export function earlierReading(db: Db, sha256: string) {
  return t(db)
    .selectFrom('caseDocumentVersions')
    .select(['textStatus', 'textNote', 'text'])
    .where('sha256', '=', sha256)
    .where('textStatus', 'in', ['done', 'refused'])
    .limit(1)
    .executeTakeFirst()
}

/** Keeps what the signature check found in a version. */
export async function recordSignatures(
  db: Db,
  documentId: string,
  version: number,
  json: string,
): Promise<void> {
  await t(db)
    .updateTable('caseDocumentVersions')
    .set({ signatures: json })
    .where('documentId', '=', documentId)
    .where('version', '=', version)
    .execute()
}
