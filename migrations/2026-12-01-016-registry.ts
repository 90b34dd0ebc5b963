import type { Kysely } from 'kysely'

/**
 * The chancellery's correspondence registers (module `registry`): incoming (RPW) and outgoing entries
 * per office per year, numbered from the platform's gap-free counters, never deleted or renumbered
 * (a mistaken entry is voided with a reason). Every state an entry had is kept in
 * `register_entry_versions`; scans and return receipts are blobs listed in `register_files`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('register_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('letter_date', 'text')
    .addColumn('reference', 'text')
    .addColumn('attachments', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('channel', 'text')
    .addColumn('received_at', 'text')
    .addColumn('method', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('dispatched_at', 'text')
    .addColumn('delivered_on', 'text')
    .addColumn('delivery_file_id', 'text')
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('void_reason', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('register_entries_number', ['office_id', 'direction', 'year', 'seq'])
    .addUniqueConstraint('register_entries_idempotency', ['office_id', 'direction', 'idempotency_key'])
    .execute()
  // The day's register and an officer's in-tray.
  await db.schema
    .createIndex('register_entries_registered')
    .on('register_entries')
    .columns(['office_id', 'direction', 'registered_at'])
    .execute()
  await db.schema
    .createIndex('register_entries_unit')
    .on('register_entries')
    .columns(['unit_id', 'direction', 'year', 'seq'])
    .execute()
  await db.schema
    .createIndex('register_entries_assignee')
    .on('register_entries')
    .columns(['assignee_id', 'direction', 'year', 'seq'])
    .execute()

  await db.schema
    .createTable('register_entry_versions')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('register_entries.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('register_entry_versions_pk', ['entry_id', 'version'])
    .execute()

  await db.schema
    .createTable('register_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('register_entries.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('register_files_entry').on('register_files').column('entry_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['register_files', 'register_entry_versions', 'register_entries'])
    await db.schema.dropTable(table).execute()
}
