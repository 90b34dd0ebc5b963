import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_login', 'text')
    .addColumn('office_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('audit_log_office').on('audit_log').columns(['office_id', 'seq']).execute()
  await db.schema
    .createIndex('audit_log_subject')
    .on('audit_log')
    .columns(['subject_type', 'subject_id'])
    .execute()

  // The chain's head, one row: appenders lock it (UPDATE … RETURNING), which serialises appends, and
  // it remembers the last entry so that deleting the newest entries is detected too.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await db
    .insertInto('audit_head' as never)
    .values({ id: 1, seq: 0, hash: '0'.repeat(64) } as never)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_head', 'audit_log']) await db.schema.dropTable(table).execute()
}
