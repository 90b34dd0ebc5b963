import { type Kysely, PostgresAdapter, sql } from 'kysely'

const triggers = ['search_documents_ai', 'search_documents_ad', 'search_documents_au']

async function ftsWith(db: Kysely<unknown>, columns: 'scope, text' | 'text'): Promise<void> {
  for (const trigger of triggers) await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db)
  await sql`drop table if exists search_fts`.execute(db)
  await sql`create virtual table search_fts using fts5(${sql.raw(columns)}, content='search_documents',
    content_rowid='id', tokenize='trigram')`.execute(db)
  const values = (row: 'new' | 'old') =>
    sql.raw(columns === 'text' ? `${row}.text` : `${row}.scope, ${row}.text`)
  const cols = sql.raw(columns)
  await sql`create trigger search_documents_ai after insert on search_documents begin
    insert into search_fts(rowid, ${cols}) values (new.id, ${values('new')}); end`.execute(db)
  await sql`create trigger search_documents_ad after delete on search_documents begin
    insert into search_fts(search_fts, rowid, ${cols}) values ('delete', old.id, ${values('old')}); end`.execute(
    db,
  )
  await sql`create trigger search_documents_au after update on search_documents begin
    insert into search_fts(search_fts, rowid, ${cols}) values ('delete', old.id, ${values('old')});
    insert into search_fts(rowid, ${cols}) values (new.id, ${values('new')}); end`.execute(db)
  await sql`insert into search_fts(search_fts) values ('rebuild')`.execute(db)
}

/**
 * SQLite's text index learns each document's scope (letters, cases, cards share it): a search for the
 * newest matches of one scope walks that scope's entries only, instead of wading through another
 * scope's newer ones. PostgreSQL filters on `search_documents.scope` and needs nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return
  await ftsWith(db, 'scope, text')
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return
  await ftsWith(db, 'text')
}
