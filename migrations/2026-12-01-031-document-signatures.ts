import type { Kysely } from 'kysely'

/**
 * Who signed a case file's document (issue 15): each PDF or XML version's signatures as the
 * validator found them when the version was stored (JSON; null until checked, `[]` when unsigned).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_document_versions').addColumn('signatures', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_document_versions').dropColumn('signatures').execute()
}
