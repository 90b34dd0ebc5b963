import type { Kysely } from 'kysely'

/**
 * The office's file classification (JRWA in Poland, номенклатура справ in Ukraine), versioned: each
 * import is a version adopted from a date, and a case keeps the version it was filed under. Only
 * leaf classes take cases; the archival category belongs to the class and is inherited downwards.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('classifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('adopted_on', 'text', (c) => c.notNull())
    .addColumn('classes', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('classifications_office_adopted', ['office_id', 'adopted_on'])
    .execute()
  await db.schema
    .createTable('classification_classes')
    .addColumn('classification_id', 'text', (c) => c.notNull().references('classifications.id'))
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('parent', 'text')
    .addColumn('own_category', 'text')
    .addColumn('category', 'text')
    .addColumn('leaf', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('classification_classes_pk', ['classification_id', 'symbol'])
    .execute()
  await db.schema
    .createIndex('classification_classes_parent')
    .on('classification_classes')
    .columns(['classification_id', 'parent'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('classification_classes').execute()
  await db.schema.dropTable('classifications').execute()
}
