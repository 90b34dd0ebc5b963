import type { Kysely } from 'kysely'

/**
 * Requests for public information (issue 14): made on a public form without an account, each an
 * incoming letter and a case with the 14-day term, followed by its requester with a tracking code;
 * a refusal is a decision in the case file.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('information_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('refused_on', 'text')
    .addColumn('refusal_reason', 'text')
    .addColumn('refusal_document_id', 'text')
    .execute()
  await db.schema
    .createIndex('information_requests_case')
    .on('information_requests')
    .column('case_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('information_requests').execute()
}
