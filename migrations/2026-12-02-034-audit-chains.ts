import { type Kysely, PostgresAdapter, sql } from 'kysely'

/**
 * One audit hash chain per office, plus one (`network`) for what belongs to no office (issue 17), so
 * that offices never wait on each other's audit head. `seq` stays the entry's position in the whole
 * log (for listing and paging; on PostgreSQL from a sequence, so no longer gap-free); `chain_seq` is
 * its gap-free position in its chain. The single chain written so far becomes the `network` chain as
 * it is: its entries keep their hashes (`format` 1, the hash without the chain's name), so its past
 * verifies as before, and it goes on from its head. Anchors record every chain's head and a Merkle
 * root over them, each linked to the one before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema
    .alterTable('audit_log')
    .addColumn('chain', 'text', (c) => c.notNull().defaultTo('network'))
    .execute()
  await db.schema.alterTable('audit_log').addColumn('chain_seq', 'integer').execute()
  await db.schema
    .alterTable('audit_log')
    .addColumn('format', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await sql`update audit_log set chain_seq = seq`.execute(db)
  await db.schema
    .createIndex('audit_log_chain')
    .on('audit_log')
    .columns(['chain', 'chain_seq'])
    .unique()
    .execute()
  if (postgres) {
    await sql`create sequence audit_log_seq owned by audit_log.seq`.execute(db)
    await sql`select setval('audit_log_seq', coalesce((select max(seq) from audit_log), 0) + 1, false)`.execute(
      db,
    )
    await sql`alter table audit_log alter column seq set default nextval('audit_log_seq')`.execute(db)
  }

  await db.schema
    .createTable('audit_chain_heads')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await sql`insert into audit_chain_heads (chain, seq, hash) select 'network', seq, hash from audit_head where id = 1 and seq > 0`.execute(
    db,
  )
  await db.schema.dropTable('audit_head').execute()

  await db.schema
    .createTable('audit_anchors')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('root', 'text', (c) => c.notNull())
    .addColumn('prev_root', 'text', (c) => c.notNull())
    .addColumn('chains', 'integer', (c) => c.notNull())
    /** Canonical JSON: `[[chain, seq, hash], …]` sorted by chain, the Merkle tree's leaves. */
    .addColumn('heads', 'text', (c) => c.notNull())
    /** The network seal's detached CAdES signature over the anchor's statement, base64, when sealed. */
    .addColumn('signature', 'text')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Back to one chain: only the `network` chain's head survives; office chains' entries stay listed
  // but a single-chain verifier would no longer accept them.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await sql`insert into audit_head (id, seq, hash) select 1, seq, hash from audit_chain_heads where chain = 'network'`.execute(
    db,
  )
  await sql`insert into audit_head (id, seq, hash) select 1, 0, ${'0'.repeat(64)} where not exists (select 1 from audit_head)`.execute(
    db,
  )
  await db.schema.dropTable('audit_anchors').execute()
  await db.schema.dropTable('audit_chain_heads').execute()
  await db.schema.dropIndex('audit_log_chain').execute()
  for (const column of ['format', 'chain_seq', 'chain'])
    await db.schema.alterTable('audit_log').dropColumn(column).execute()
}
