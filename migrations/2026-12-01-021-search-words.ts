import { type Kysely, PostgresAdapter, sql } from 'kysely'

const triggers = ['search_words_ai', 'search_words_ad', 'search_words_au']

/**
 * SQLite gets a second text index over the same documents, of whole words (FTS5 `unicode61`), for
 * numbers: a register number or an amount is searched as a whole, and a trigram index finds a
 * number like `77777` only by checking every document with `777` in it. PostgreSQL matches whole
 * numbers with a regular expression its trigram index serves, and needs nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return
  await sql`create virtual table search_words using fts5(scope, text, content='search_documents',
    content_rowid='id', tokenize='unicode61 remove_diacritics 0')`.execute(db)
  await sql`create trigger search_words_ai after insert on search_documents begin
    insert into search_words(rowid, scope, text) values (new.id, new.scope, new.text); end`.execute(db)
  await sql`create trigger search_words_ad after delete on search_documents begin
    insert into search_words(search_words, rowid, scope, text) values ('delete', old.id, old.scope, old.text); end`.execute(
    db,
  )
  await sql`create trigger search_words_au after update on search_documents begin
    insert into search_words(search_words, rowid, scope, text) values ('delete', old.id, old.scope, old.text);
    insert into search_words(rowid, scope, text) values (new.id, new.scope, new.text); end`.execute(db)
  await sql`insert into search_words(search_words) values ('rebuild')`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return
  for (const trigger of triggers) await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db)
  await sql`drop table if exists search_words`.execute(db)
}
