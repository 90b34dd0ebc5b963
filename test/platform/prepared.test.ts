import { type Kysely, sql } from 'kysely'
import { expect, it } from 'vitest'
import { withTables } from '../../src/platform/db/index.js'
import { prepared } from '../../src/platform/db/prepared.js'
import { describeEachDatabase, freshDatabase } from '../support/databases.js'

interface Tables {
  notes: { id: number; body: string; authorName: string }
}
type Db = Kysely<Tables>

const byAuthor = prepared((db: Db, v: { author: string }) =>
  db.selectFrom('notes').select(['id', 'authorName']).where('authorName', '=', v.author).orderBy('id'),
)
const byIds = prepared((db: Db, v: Record<`i${number}`, number>, shape: string) =>
  db
    .selectFrom('notes')
    .select('body')
    .where(
      'id',
      'in',
      Array.from({ length: Number(shape) }, (_, i) => v[`i${i}`] as number),
    )
    .orderBy('id'),
)
const misused = prepared((db: Db, v: { column: string }) =>
  db.selectFrom('notes').select(sql.ref<string>(v.column).as('x')),
)

describeEachDatabase('prepared queries', (dialect) => {
  async function notes() {
    const database = await freshDatabase(dialect)
    await sql`create table notes (id integer primary key, body text not null, author_name text not null)`.execute(
      database.db,
    )
    await sql`insert into notes values (1, 'a', 'Olena'), (2, 'b', 'Piotr'), (3, 'c', 'Olena')`.execute(
      database.db,
    )
    return withTables<Tables>(database.db)
  }

  it('runs the one compiled query with each call’s values, rows in camelCase', async () => {
    const db = await notes()
    expect((await byAuthor(db, { author: 'Olena' })).rows).toEqual([
      { id: 1, authorName: 'Olena' },
      { id: 3, authorName: 'Olena' },
    ])
    expect((await byAuthor(db, { author: 'Piotr' })).rows).toEqual([{ id: 2, authorName: 'Piotr' }])
    expect((await byAuthor(db, { author: 'nobody' })).rows).toEqual([])
  })

  it('keeps one compiled query per shape', async () => {
    const db = await notes()
    expect((await byIds(db, { i0: 3 }, '1')).rows.map((r) => r.body)).toEqual(['c'])
    expect((await byIds(db, { i0: 1, i1: 2 }, '2')).rows.map((r) => r.body)).toEqual(['a', 'b'])
    expect((await byIds(db, { i0: 2 }, '1')).rows.map((r) => r.body)).toEqual(['b'])
  })

  it('refuses a placeholder used where only a value may go', async () => {
    const db = await notes()
    await expect(misused(db, { column: 'body' })).rejects.toThrow('a placeholder became SQL text')
  })
})
