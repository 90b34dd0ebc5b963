import type { Kysely } from 'kysely'

/**
 * Who signed a register entry's file (issue 15): a PDF's, an XML document's or a CMS file's signatures
 * as the validator found them after it was stored (JSON; null until checked or when not a kind that
 * carries signatures, `[]` when unsigned).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('register_files').addColumn('signatures', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('register_files').dropColumn('signatures').execute()
}
