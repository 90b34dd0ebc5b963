import type { Kysely } from 'kysely'

/**
 * KPA art. 36 notices (issue 14): a case that will be late gets a notice to its parties with the
 * reason and the new date, drafted as a document of its file; the new date becomes the due date when
 * the notice is dispatched. `notice_suspended_days`: the suspended days already behind the new date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_delay_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('case_documents.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('new_due_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('dispatched_on', 'text')
    .addColumn('dispatched_by', 'text')
    .execute()
  await db.schema.createIndex('case_delay_notices_case').on('case_delay_notices').column('case_id').execute()
  await db.schema
    .alterTable('cases')
    .addColumn('notice_suspended_days', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('notice_suspended_days').execute()
  await db.schema.dropTable('case_delay_notices').execute()
}
