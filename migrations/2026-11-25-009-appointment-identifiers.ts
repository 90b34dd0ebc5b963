import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // Keys the server keeps for itself, shared by every instance on this database.
  await db.schema
    .createTable('server_keys')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
  await db
    .insertInto('server_keys' as never)
    .values({ name: 'identifier-hmac', value: randomBytes(32).toString('hex') } as never)
    .execute()
  // A resident's personal number (PESEL, РНОКПП…) given at booking, kept only as a keyed hash: it finds
  // the booking at the kiosk, and a copy of the table reveals no number.
  await db.schema.alterTable('appointments').addColumn('identifier_hash', 'text').execute()
  await db.schema
    .createIndex('appointments_identifier')
    .on('appointments')
    .columns(['office_id', 'identifier_hash'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('appointments_identifier').execute()
  await db.schema.alterTable('appointments').dropColumn('identifier_hash').execute()
  await db.schema.dropTable('server_keys').execute()
}
