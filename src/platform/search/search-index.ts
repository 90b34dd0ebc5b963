import { type Generated, type Kysely, PostgresAdapter, type SelectQueryBuilder, sql } from 'kysely'
import { type Db, withTables } from '../db/database.js'

/** The platform's search table (migration 014). */
interface SearchTables {
  searchDocuments: { id: Generated<number>; scope: string; docId: string; text: string }
}

/** The ids a search found: a subquery for `where('id', 'in', found)`. */
export type FoundIds = ReturnType<SearchIndex['matching']>

/** A term shorter than this cannot use the trigram indexes; it is matched by a scan of what they found. */
const TRIGRAM = 3

/**
 * Substring search over documents of several scopes (`service` now; letters, cases, BIP pages next),
 * on text folded by `foldForSearch` (the caller folds both the text and the query). Backed by
 * SQLite's FTS5 trigram index or PostgreSQL's pg_trgm GIN index, so a search reads the index, not
 * every document; a query of only one- and two-letter words still scans.
 */
export class SearchIndex {
  readonly #postgres: boolean
  constructor(db: Db) {
    this.#postgres = db.getExecutor().adapter instanceof PostgresAdapter
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
    const long = terms.filter((t) => t.length >= TRIGRAM)
    // The scope is compared in a form no index serves (`+scope`, `scope || ''`): otherwise both
    // planners pick the (scope, doc_id) index, which narrows nothing (a scope is most documents),
    // and read every document of the scope instead of the few the text index finds.
    let query = db
      .selectFrom('searchDocuments')
      .select('docId')
      .where(this.#postgres ? sql`scope || ''` : sql`+scope`, '=', scope)
    if (!this.#postgres && long.length > 0) {
      // FTS5: each term a quoted phrase, which the trigram tokenizer matches as a substring.
      const expression = long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ')
      query = query.where(
        'id',
        'in',
        sql<number>`(select rowid from search_fts where search_fts match ${expression})`,
      )
    }
    // PostgreSQL's GIN index serves LIKE itself; on SQLite LIKE checks only what FTS5 found (and the
    // short terms).
    const likes = this.#postgres ? terms : terms.filter((t) => t.length < TRIGRAM)
    for (const term of likes) query = query.where('text', 'like', `%${term.replace(/[%_\\]/g, '')}%`)
    return query
  }
}
