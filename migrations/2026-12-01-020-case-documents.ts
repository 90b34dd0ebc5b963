import type { Kysely } from 'kysely'

/**
 * A case's file (module `cases`): documents with the Polish minimum metadata set and their form
 * (born digital, digitised, paper only), each a series of versions kept in the blob store with who,
 * when and why, and the text read from each version for search. Letters linked to a case learn their
 * register (`direction`), so a case lists its outgoing letters as well as the incoming ones. A case
 * opened with an `Idempotency-Key` keeps it, so that the same request sent twice opens one case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('idempotency_key', 'text').execute()
  await db.schema
    .createIndex('cases_idempotency')
    .on('cases')
    .columns(['created_by', 'idempotency_key'])
    .unique()
    .execute()
  await db.schema
    .alterTable('case_letters')
    .addColumn('direction', 'text', (c) => c.notNull().defaultTo('incoming'))
    .execute()

  await db.schema
    .createTable('case_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('access', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('document_date', 'text', (c) => c.notNull())
    .addColumn('creator', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text')
    .addColumn('relation', 'text')
    .addColumn('description', 'text')
    .addColumn('paper_location', 'text')
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_documents_seq', ['case_id', 'seq'])
    .execute()

  await db.schema
    .createTable('case_document_versions')
    .addColumn('document_id', 'text', (c) => c.notNull().references('case_documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('text_status', 'text', (c) => c.notNull())
    .addColumn('text_note', 'text')
    .addColumn('text', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_document_versions_pk', ['document_id', 'version'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_document_versions').execute()
  await db.schema.dropTable('case_documents').execute()
  await db.schema.alterTable('case_letters').dropColumn('direction').execute()
  await db.schema.dropIndex('cases_idempotency').execute()
  await db.schema.alterTable('cases').dropColumn('idempotency_key').execute()
}
