import { type Generated, type Kysely, type SelectQueryBuilder, sql } from 'kysely'
import { type Db, onPostgres, withTables } from '../db/database.js'

/** The platform's search table (migration 014). */
interface SearchTables {
  searchDocuments: { id: Generated<number>; scope: string; docId: string; text: string }
}

/** The ids a search found: a subquery for `where('id', 'in', found)`. */
export type FoundIds = ReturnType<SearchIndex['matching']>

/** A term shorter than this cannot use the trigram indexes; it is matched by a scan of what they found. */
const TRIGRAM = 3

/**
 * A number of three digits or more (a register number, an amount, a year) is searched as a whole
 * word: `1234` finds `RPW/1234/2026`, not `12345`. SQLite reads such terms from its word index
 * (migration 021), PostgreSQL with a regular expression its trigram index serves.
 */
const isNumber = (term: string) => /^\d{3,}$/.test(term)
const quoted = (t: string) => `"${t.replace(/"/g, '""')}"`

/**
 * Substring search over documents of several scopes (`service` now; letters, cases, BIP pages next),
 * on text folded by `foldForSearch` (the caller folds both the text and the query). Backed by
 * SQLite's FTS5 trigram index or PostgreSQL's pg_trgm GIN index, so a search reads the index, not
 * every document; a query of only one- and two-letter words still scans.
 */
export class SearchIndex {
  readonly #postgres: boolean
  constructor(db: Db) {
    this.#postgres = onPostgres(db)
  }

  /** Stores a document's text, or forgets the document (`null`), in the caller's transaction. */
  async put(trx: Db, scope: string, docId: string, text: string | null): Promise<void> {
    const db = withTables<SearchTables>(trx)
    if (text === null) {
      await db.deleteFrom('searchDocuments').where('scope', '=', scope).where('docId', '=', docId).execute()
      return
    }
    await db
      .insertInto('searchDocuments')
      .values({ scope, docId, text })
      .onConflict((oc) => oc.columns(['scope', 'docId']).doUpdateSet({ text }))
      .execute()
  }

  /**
   * The ids of `scope`'s documents whose text contains every one of `terms` (already folded), as a
   * subquery for `where('id', 'in', …)`.
   */
  matching(
    from: Db,
    scope: string,
    terms: readonly string[],
  ): SelectQueryBuilder<SearchTables, 'searchDocuments', { docId: string }> {
    const db = withTables<SearchTables>(from) as Kysely<SearchTables>
    const numbers = terms.filter(isNumber)
    const long = terms.filter((t) => t.length >= TRIGRAM && !isNumber(t))
    // The scope is compared in a form no index serves (`+scope`, `scope || ''`): otherwise both
    // planners pick the (scope, doc_id) index, which narrows nothing (a scope is most documents),
    // and read every document of the scope instead of the few the text index finds.
    let query = db
      .selectFrom('searchDocuments')
      .select('docId')
      .where(this.#postgres ? sql`scope || ''` : sql`+scope`, '=', scope)
    if (!this.#postgres && long.length > 0) {
      // FTS5: each term a quoted phrase, which the trigram tokenizer matches as a substring.
      const expression = `text : (${long.map(quoted).join(' AND ')})`
      query = query.where(
        'id',
        'in',
        sql<number>`(select rowid from search_fts where search_fts match ${expression})`,
      )
    }
    if (!this.#postgres && numbers.length > 0) {
      const expression = `text : (${numbers.map(quoted).join(' AND ')})`
      query = query.where(
        'id',
        'in',
        sql<number>`(select rowid from search_words where search_words match ${expression})`,
      )
    }
    // PostgreSQL's GIN index serves LIKE itself; on SQLite LIKE checks only what FTS5 found (and the
    // short terms).
    return this.#checked(query, this.#postgres ? terms : terms.filter((t) => t.length < TRIGRAM))
  }

  /**
   * `terms` checked on the documents themselves: a whole number by a regular expression (PostgreSQL's
   * trigram index serves it; SQLite's word index already did), any other word as a substring. On
   * SQLite only the terms its indexes did not check reach here.
   */
  #checked<Q extends SelectQueryBuilder<SearchTables, 'searchDocuments', object>>(
    query: Q,
    terms: readonly string[],
  ): Q {
    let checked = query
    for (const term of terms) {
      if (isNumber(term)) {
        if (this.#postgres) checked = checked.where(sql<boolean>`text ~ ${`(^| )${term}( |$)`}`) as Q
      } else checked = checked.where('text', 'like', `%${term.replace(/[%_\\]/g, '')}%`) as Q
    }
    return checked
  }

  /**
   * The latest documents of `scope` that contain every term, newest indexed first, a batch at a
   * time, from the position `before` (null: the newest end; then what the previous batch gave as
   * `next`). Walking the text index from its newest end stops as soon as a batch is full, so a common
   * word over millions of documents costs what a page of them costs; the caller filters (rights) and
   * asks for the next batch while it needs more and `next` is not null.
   */
  async newest(
    from: Db,
    scope: string,
    terms: readonly string[],
    batch: number,
    before: number | null,
  ): Promise<{ docIds: string[]; next: number | null }> {
    const db = withTables<SearchTables>(from) as Kysely<SearchTables>
    const numbers = terms.filter(isNumber)
    const long = terms.filter((t) => t.length >= TRIGRAM && !isNumber(t))
    let query = db
      .selectFrom('searchDocuments')
      .select(['docId', 'id'])
      .where(this.#postgres ? sql`scope || ''` : sql`+scope`, '=', scope)
    let next: number | null = null
    // Which of SQLite's indexes leads the walk: the word index when there are whole numbers (they
    // are rare, so it narrows most), else the trigram index; the other terms are checked on the rows.
    const led = this.#postgres ? null : numbers.length > 0 ? 'words' : long.length > 0 ? 'trigrams' : null
    if (led) {
      // A window of this scope's matches in the index, in descending row order.
      const window = batch
      // The scope is a column of the index (migration 019): only this scope's entries are walked.
      const expression = `scope : ${quoted(scope)} AND text : (${(led === 'words' ? numbers : long).map(quoted).join(' AND ')})`
      const { rows } =
        led === 'words'
          ? await sql<{ rowid: number }>`select rowid from search_words
        where search_words match ${expression} and rowid < ${before ?? Number.MAX_SAFE_INTEGER}
        order by rowid desc limit ${window}`.execute(db)
          : await sql<{ rowid: number }>`select rowid from search_fts
        where search_fts match ${expression} and rowid < ${before ?? Number.MAX_SAFE_INTEGER}
        order by rowid desc limit ${window}`.execute(db)
      if (rows.length === 0) return { docIds: [], next: null }
      const ids = rows.map((r) => Number(r.rowid))
      next = rows.length === window ? Math.min(...ids) : null
      query = query.where('id', 'in', ids)
    } else {
      if (before !== null) query = query.where('id', '<', before)
      query = query.limit(batch)
    }
    // The terms the leading index did not check: the short ones, and the trigram terms when the
    // word index led (PostgreSQL's GIN index serves every one of them itself).
    const checked = this.#postgres
      ? terms
      : terms.filter((t) => t.length < TRIGRAM || (led === 'words' && !isNumber(t)))
    query = this.#checked(query, checked)
    const found = await query.orderBy('id', 'desc').execute()
    if (!led) next = found.length === batch ? Number(found[found.length - 1]!.id) : null
    return { docIds: found.map((r) => r.docId), next }
  }
}

/**
 * The first `limit` records a search finds that the caller may see, newest first: batches from
 * `SearchIndex.newest`, each cut by `visible` (the module's rights over its own rows), until enough
 * are found, the index has no more, or `rounds` batches were read (a caller who may see little of a
 * common word gets fewer results rather than a scan of everything).
 */
export async function newestVisible<T>(
  index: SearchIndex,
  db: Db,
  scope: string,
  terms: readonly string[],
  limit: number,
  visible: (ids: readonly string[]) => Promise<T[]>,
  idOf: (record: T) => string,
  rounds = 20,
): Promise<T[]> {
  const found: T[] = []
  let before: number | null = null
  for (let round = 0; round < rounds && found.length < limit; round++) {
    const batch = await index.newest(db, scope, terms, Math.max(2 * limit, 50), before)
    const records = new Map((await visible(batch.docIds)).map((r) => [idOf(r), r]))
    for (const id of batch.docIds) {
      const record = records.get(id)
      if (record && found.length < limit) found.push(record)
    }
    if (batch.next === null) break
    before = batch.next
  }
  return found
}
