import type { Kysely } from 'kysely'

/**
 * The working calendar as data: public holidays per country and date, seeded from the maintained
 * holiday library with the domain's rules (`calendar_years` says which country-years are seeded), and
 * the network's own decisions over them (a Ukrainian holiday made a day off again, a network-wide
 * closure). Offices' own closures stay in `office_hours_exceptions`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_days')
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('day_off', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_days_pk', ['country', 'date'])
    .execute()
  await db.schema
    .createTable('calendar_years')
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seeded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_years_pk', ['country', 'year'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_years').execute()
  await db.schema.dropTable('calendar_days').execute()
}
