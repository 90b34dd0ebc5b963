import { type Db, withTables } from '../../platform/db/index.js'
import type {
  ApplicationFileRow,
  ApplicationRow,
  DraftRow,
  EservicesTables,
  LetterRow,
  ReceiptRow,
  ResidentRow,
} from './eservices.tables.js'

const t = (db: Db) => withTables<EservicesTables>(db)

export async function insertApplication(trx: Db, row: ApplicationRow, files: readonly ApplicationFileRow[]) {
  await t(trx).insertInto('applications').values(row).execute()
  if (files.length > 0)
    await t(trx)
      .insertInto('applicationFiles')
      .values([...files])
      .execute()
}

export function findApplication(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return t(db).selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findByTracking(db: Db, trackingHash: string): Promise<ApplicationRow | undefined> {
  return t(db)
    .selectFrom('applications')
    .selectAll()
    .where('trackingHash', '=', trackingHash)
    .executeTakeFirst()
}

export function findByKey(db: Db, residentId: string, key: string): Promise<ApplicationRow | undefined> {
  return t(db)
    .selectFrom('applications')
    .selectAll()
    .where('residentId', '=', residentId)
    .where('idempotencyKey', '=', key)
    .executeTakeFirst()
}

/** A resident's applications, newest first. */
export function applicationsOf(db: Db, residentId: string, limit: number): Promise<ApplicationRow[]> {
  return t(db)
    .selectFrom('applications')
    .selectAll()
    .where('residentId', '=', residentId)
    .orderBy('submittedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

export async function insertReceipt(trx: Db, row: ReceiptRow): Promise<void> {
  await t(trx).insertInto('receipts').values(row).execute()
}

export function receiptsOf(db: Db, applicationId: string): Promise<ReceiptRow[]> {
  return t(db)
    .selectFrom('receipts')
    .selectAll()
    .where('applicationId', '=', applicationId)
    .orderBy('createdAt')
    .orderBy('kind', 'desc')
    .execute()
}

export function findReceipt(db: Db, id: string): Promise<ReceiptRow | undefined> {
  return t(db).selectFrom('receipts').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Records the sealed file of a receipt, once: false when it was sealed already. */
export async function markSealed(
  db: Db,
  id: string,
  sealed: { sha256: string; level: string; at: string },
): Promise<boolean> {
  const result = await t(db)
    .updateTable('receipts')
    .set({ sealedSha256: sealed.sha256, level: sealed.level, sealedAt: sealed.at })
    .where('id', '=', id)
    .where('sealedSha256', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export function findResidentBySubject(
  db: Db,
  provider: string,
  subject: string,
): Promise<ResidentRow | undefined> {
  return t(db)
    .selectFrom('residents')
    .selectAll()
    .where('provider', '=', provider)
    .where('subject', '=', subject)
    .executeTakeFirst()
}

export async function insertResident(trx: Db, row: ResidentRow): Promise<void> {
  await t(trx).insertInto('residents').values(row).execute()
}

export async function touchResident(trx: Db, id: string, changes: Partial<ResidentRow>): Promise<void> {
  await t(trx).updateTable('residents').set(changes).where('id', '=', id).execute()
}

export async function insertSession(
  trx: Db,
  row: { tokenHash: string; residentId: string; createdAt: string; expiresAt: string },
) {
  await t(trx).insertInto('residentSessions').values(row).execute()
}

export function findSession(db: Db, tokenHash: string, now: string) {
  return t(db)
    .selectFrom('residentSessions')
    .innerJoin('residents', 'residents.id', 'residentSessions.residentId')
    .selectAll('residents')
    .where('residentSessions.tokenHash', '=', tokenHash)
    .where('residentSessions.expiresAt', '>', now)
    .executeTakeFirst()
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await t(db).deleteFrom('residentSessions').where('tokenHash', '=', tokenHash).execute()
}

export async function insertLink(
  db: Db,
  row: { tokenHash: string; email: string; next: string; createdAt: string; expiresAt: string },
) {
  await t(db)
    .insertInto('residentLinks')
    .values({ ...row, usedAt: null })
    .execute()
}

/** Uses a sign-in link once: its address and where to go next, or nothing when unknown, used or expired. */
export async function useLink(trx: Db, tokenHash: string, now: string) {
  const link = await t(trx)
    .selectFrom('residentLinks')
    .selectAll()
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst()
  if (!link) return undefined
  const result = await t(trx)
    .updateTable('residentLinks')
    .set({ usedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1 ? link : undefined
}

/** How many links were sent to this address since `since` (a limit on mail to one address). */
export async function linksSince(db: Db, email: string, since: string): Promise<number> {
  const row = await t(db)
    .selectFrom('residentLinks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email', '=', email)
    .where('createdAt', '>', since)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

export function findDraft(db: Db, residentId: string, serviceCode: string): Promise<DraftRow | undefined> {
  return t(db)
    .selectFrom('applicationDrafts')
    .selectAll()
    .where('residentId', '=', residentId)
    .where('serviceCode', '=', serviceCode)
    .executeTakeFirst()
}

/** Keeps a draft (one per resident and service), replacing the one before. */
export async function saveDraft(db: Db, row: DraftRow): Promise<void> {
  await t(db)
    .insertInto('applicationDrafts')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['residentId', 'serviceCode']).doUpdateSet({
        officeId: row.officeId,
        answers: row.answers,
        files: row.files,
        updatedAt: row.updatedAt,
      }),
    )
    .execute()
}

export async function deleteDraft(db: Db, residentId: string, serviceCode: string): Promise<void> {
  await t(db)
    .deleteFrom('applicationDrafts')
    .where('residentId', '=', residentId)
    .where('serviceCode', '=', serviceCode)
    .execute()
}

export function findByCase(db: Db, caseId: string): Promise<ApplicationRow | undefined> {
  return t(db).selectFrom('applications').selectAll().where('caseId', '=', caseId).executeTakeFirst()
}

export async function insertOidcLogin(
  db: Db,
  row: {
    stateHash: string
    verifier: string
    nonce: string
    next: string
    createdAt: string
    expiresAt: string
  },
) {
  await t(db).insertInto('oidcLogins').values(row).execute()
}

/** Takes a pending sign-in by its state, once: it is deleted as it is read; expired ones are not given. */
export async function takeOidcLogin(trx: Db, stateHash: string, now: string) {
  const row = await t(trx)
    .selectFrom('oidcLogins')
    .selectAll()
    .where('stateHash', '=', stateHash)
    .executeTakeFirst()
  if (!row) return undefined
  const deleted = await t(trx).deleteFrom('oidcLogins').where('stateHash', '=', stateHash).executeTakeFirst()
  return Number(deleted.numDeletedRows) === 1 && row.expiresAt > now ? row : undefined
}

export async function insertLetter(trx: Db, row: LetterRow): Promise<void> {
  await t(trx).insertInto('residentLetters').values(row).execute()
}

export function lettersOf(db: Db, residentId: string): Promise<LetterRow[]> {
  return t(db)
    .selectFrom('residentLetters')
    .selectAll()
    .where('residentId', '=', residentId)
    .orderBy('dispatchedAt', 'desc')
    .limit(200)
    .execute()
}

export function findLetter(db: Db, id: string): Promise<LetterRow | undefined> {
  return t(db).selectFrom('residentLetters').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Records the first opening of a letter: false when it was opened before. */
export async function markOpened(db: Db, id: string, at: string): Promise<boolean> {
  const result = await t(db)
    .updateTable('residentLetters')
    .set({ openedAt: at })
    .where('id', '=', id)
    .where('openedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
