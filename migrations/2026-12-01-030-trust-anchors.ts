import type { Kysely } from 'kysely'

/**
 * The signature validator's trust store (issue 15): the certificates the network trusts as anchors
 * of signers' chains, each once (by the SHA-256 of its DER), added and removed by admins.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('trust_anchors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('der', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('trust_anchors').execute()
}
