import type { Kysely } from 'kysely'

/**
 * Cases (module `cases`): filed in a leaf class of the office's classification, signed
 * `<unit>.<symbol>.<n>.<yyyy>` (the network's template) with n from the platform's gap-free counters
 * per unit, class and year; sub-cases under a case. Letters of the registers are linked to a case in
 * `case_letters`; people given access to one case by name in `case_access`. `term_days` and `due_on`
 * wait for the deadlines issue.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('classification_id', 'text', (c) => c.notNull().references('classifications.id'))
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('cases.id'))
    .addColumn('sign', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('parties', 'text', (c) => c.notNull())
    .addColumn('term_days', 'integer')
    .addColumn('due_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cases_sign', ['office_id', 'year', 'sign'])
    .execute()
  await db.schema.createIndex('cases_unit').on('cases').columns(['unit_id', 'status', 'created_at']).execute()
  await db.schema
    .createIndex('cases_assignee')
    .on('cases')
    .columns(['assignee_id', 'status', 'created_at'])
    .execute()
  await db.schema
    .createIndex('cases_register')
    .on('cases')
    .columns(['office_id', 'year', 'unit_id', 'symbol', 'seq'])
    .execute()
  await db.schema.createIndex('cases_parent').on('cases').column('parent_id').execute()

  await db.schema
    .createTable('case_letters')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('register_entries.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_letters_pk', ['case_id', 'entry_id'])
    .execute()
  await db.schema.createIndex('case_letters_entry').on('case_letters').column('entry_id').execute()

  await db.schema
    .createTable('case_access')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_access_pk', ['case_id', 'user_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['case_access', 'case_letters', 'cases']) await db.schema.dropTable(table).execute()
}
