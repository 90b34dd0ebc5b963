import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // A service card; what residents see is its published version. search_* hold the published
  // version's text folded for search (see src/modules/catalogue/search-text.ts), null while unpublished.
  await db.schema
    .createTable('services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('published_at', 'text')
    .addColumn('search_name', 'text')
    .addColumn('search_text', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  // Every version is kept: who wrote it, when, what changed.
  await db.schema
    .createTable('service_versions')
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('card', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_login', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_versions_pk', ['service_id', 'version'])
    .execute()

  // Filters of the public list, from the published version.
  await db.schema
    .createTable('service_offices')
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_offices_pk', ['service_id', 'office_id'])
    .execute()
  await db.schema
    .createTable('service_categories')
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_categories_pk', ['service_id', 'category'])
    .execute()
  await db.schema
    .createIndex('service_categories_category')
    .on('service_categories')
    .column('category')
    .execute()
  await db.schema.createIndex('service_offices_office').on('service_offices').column('office_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['service_categories', 'service_offices', 'service_versions', 'services'])
    await db.schema.dropTable(t).execute()
}
