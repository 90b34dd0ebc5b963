import type { Kysely } from 'kysely'

/**
 * Retention (issue 14): lists of non-archival records for destruction (spis dokumentacji
 * niearchiwalnej) with the state archive's consent, and what became of a case when its time came
 * (`disposal`: destroyed with its files removed, the rows kept as a tombstone; or transferred).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('destruction_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('consent_reference', 'text')
    .addColumn('consented_on', 'text')
    .addColumn('consent_recorded_by', 'text')
    .addColumn('destroyed_at', 'text')
    .addColumn('destroyed_by', 'text')
    .execute()
  await db.schema
    .createTable('destruction_list_items')
    .addColumn('list_id', 'text', (c) => c.notNull().references('destruction_lists.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().unique().references('cases.id'))
    .execute()
  await db.schema
    .createIndex('destruction_list_items_list')
    .on('destruction_list_items')
    .column('list_id')
    .execute()
  await db.schema.alterTable('cases').addColumn('disposal', 'text').execute()
  await db.schema.alterTable('cases').addColumn('disposed_on', 'text').execute()
  await db.schema.alterTable('cases').addColumn('disposal_reference', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['disposal_reference', 'disposed_on', 'disposal'])
    await db.schema.alterTable('cases').dropColumn(column).execute()
  await db.schema.dropTable('destruction_list_items').execute()
  await db.schema.dropTable('destruction_lists').execute()
}
