import { type Kysely, PostgresAdapter, sql } from 'kysely'

/**
 * The platform's search index: one row per document (a service card now; letters, cases and BIP
 * pages next) with its folded text, searched by substring with an index instead of a full scan:
 * SQLite's FTS5 with the trigram tokenizer (an external-content table kept by triggers), and
 * PostgreSQL's pg_trgm GIN index. Published cards are indexed with their whole text, others by code
 * (as the catalogue searched them before); `services.search_text` is no longer needed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema
    .createTable('search_documents')
    .addColumn('id', postgres ? 'serial' : 'integer', (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('doc_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addUniqueConstraint('search_documents_doc', ['scope', 'doc_id'])
    .execute()
  if (postgres) {
    // pg_trgm lives in `public` for the whole database (one schema's drop must not take it away);
    // without the right to create it, search still works, by a scan.
    await sql`select pg_advisory_xact_lock(hashtext('ratusz:pg_trgm'))`.execute(db)
    await sql`savepoint trgm`.execute(db)
    try {
      await sql`create extension if not exists pg_trgm with schema public`.execute(db)
      await sql`release savepoint trgm`.execute(db)
    } catch {
      await sql`rollback to savepoint trgm`.execute(db)
    }
    const { rows } = await sql<{
      n: number
    }>`select count(*) as n from pg_extension where extname = 'pg_trgm'`.execute(db)
    if (Number(rows[0]?.n) > 0) {
      const { rows: where } = await sql<{ schema: string }>`
        select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
        where e.extname = 'pg_trgm'`.execute(db)
      await sql`create index search_documents_text on search_documents
        using gin (text ${sql.raw(`${where[0]!.schema}.gin_trgm_ops`)})`.execute(db)
    }
  } else {
    await sql`create virtual table search_fts using fts5(text, content='search_documents',
      content_rowid='id', tokenize='trigram')`.execute(db)
    await sql`create trigger search_documents_ai after insert on search_documents begin
      insert into search_fts(rowid, text) values (new.id, new.text); end`.execute(db)
    await sql`create trigger search_documents_ad after delete on search_documents begin
      insert into search_fts(search_fts, rowid, text) values ('delete', old.id, old.text); end`.execute(db)
    await sql`create trigger search_documents_au after update on search_documents begin
      insert into search_fts(search_fts, rowid, text) values ('delete', old.id, old.text);
      insert into search_fts(rowid, text) values (new.id, new.text); end`.execute(db)
  }
  // The cards as they were searched: published ones by their text and code, others by code.
  await sql`insert into search_documents (scope, doc_id, text)
    select 'service', id,
      case when search_name is not null then search_name || ' ' || coalesce(search_text, '') else ' ' || lower(code) || ' ' end
    from services`.execute(db)
  await db.schema.alterTable('services').dropColumn('search_text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema.alterTable('services').addColumn('search_text', 'text').execute()
  await sql`update services set search_text = (select text from search_documents d
    where d.scope = 'service' and d.doc_id = services.id) where search_name is not null`.execute(db)
  if (!postgres) await sql`drop table search_fts`.execute(db)
  await db.schema.dropTable('search_documents').execute()
}
