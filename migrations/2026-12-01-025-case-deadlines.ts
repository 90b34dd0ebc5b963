import { type Kysely, sql } from 'kysely'

/**
 * Deadlines of cases (issue 14): a case's term as ISO 8601 (`P1M`, `P14D`) with where it came from
 * (the service card, a statutory term, or set by hand with a reason), the suspension that stops its
 * clock (KPA art. 35 §5), the new date of a KPA art. 36 notice, and the steps that reached its due
 * date. Replaces `term_days`, which nothing filled but the demo (converted to `P<n>D`, by hand).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('term', 'text').execute()
  for (const [name, type] of [
    ['term_source', 'text'],
    ['term_basis', 'text'],
    ['service_id', 'text'],
    ['suspended_on', 'text'],
    ['notice_due_on', 'text'],
    ['due_steps', 'text'],
  ] as const)
    await db.schema.alterTable('cases').addColumn(name, type).execute()
  await db.schema
    .alterTable('cases')
    .addColumn('suspended_days', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`update cases set term = 'P' || term_days || 'D', term_source = 'manual', term_basis = 'days set before terms were counted'
            where term_days is not null`.execute(db)
  await db.schema.alterTable('cases').dropColumn('term_days').execute()
  await db.schema.createIndex('cases_office_due').on('cases').columns(['office_id', 'due_on']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_office_due').execute()
  await db.schema.alterTable('cases').addColumn('term_days', 'integer').execute()
  for (const name of [
    'term',
    'term_source',
    'term_basis',
    'service_id',
    'suspended_on',
    'notice_due_on',
    'due_steps',
    'suspended_days',
  ])
    await db.schema.alterTable('cases').dropColumn(name).execute()
}
