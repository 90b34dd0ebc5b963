import { type Kysely, sql } from 'kysely'

/**
 * E-services (issue 16): residents (signed in with OpenID Connect or by an e-mail confirmed with a
 * one-time link) and their sessions; applications sent on a card's form, each an incoming letter (and
 * a case when the card says so), with their files and the receipts the office issued and sealed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('residents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text')
    .addColumn('name', 'text')
    .addColumn('identifier_kind', 'text')
    .addColumn('identifier', 'text')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('residents_provider_subject', ['provider', 'subject'])
    .execute()
  await db.schema
    .createTable('resident_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('resident_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('next', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema
    .createTable('oidc_logins')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('next', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('card_version', 'integer', (c) => c.notNull())
    .addColumn('resident_id', 'text', (c) => c.references('residents.id'))
    .addColumn('applicant', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('tracking_hash', 'text', (c) => c.notNull().unique())
    .addColumn('document_sha256', 'text', (c) => c.notNull())
    .addColumn('signature', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .execute()
  await db.schema
    .createIndex('applications_resident')
    .on('applications')
    .columns(['resident_id', 'submitted_at'])
    .execute()
  await db.schema
    .createIndex('applications_key')
    .on('applications')
    .columns(['resident_id', 'idempotency_key'])
    .unique()
    .execute()
  await db.schema.createIndex('applications_case').on('applications').column('case_id').execute()
  await db.schema
    .createTable('application_files')
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_files_pk', ['application_id', 'question', 'sha256'])
    .execute()
  await db.schema
    .createTable('application_drafts')
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text')
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_drafts_pk', ['resident_id', 'service_code'])
    .execute()
  await db.schema
    .createTable('resident_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('resident_id', 'text', (c) => c.references('residents.id'))
    .addColumn('entry_id', 'text', (c) => c.notNull().unique())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull())
    .addColumn('file_size', 'integer', (c) => c.notNull())
    .addColumn('dispatched_at', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .execute()
  await db.schema
    .createIndex('resident_letters_resident')
    .on('resident_letters')
    .columns(['resident_id', 'dispatched_at'])
    .execute()
  // A resident's page lists the bookings made with their confirmed address.
  await sql`create index appointments_email on appointments (lower(email))`.execute(db)
  await db.schema
    .createTable('receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('contents', 'text', (c) => c.notNull())
    .addColumn('sealed_sha256', 'text')
    .addColumn('level', 'text')
    .addColumn('sealed_at', 'text')
    .execute()
  await db.schema.createIndex('receipts_application').on('receipts').column('application_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index appointments_email`.execute(db)
  for (const table of [
    'receipts',
    'application_files',
    'applications',
    'resident_links',
    'resident_sessions',
    'residents',
  ])
    await db.schema.dropTable(table).execute()
}
