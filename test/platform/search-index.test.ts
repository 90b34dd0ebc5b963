import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { foldForSearch, queryTerms } from '../../src/platform/search/fold.js'
import { newestVisible, SearchIndex } from '../../src/platform/search/search-index.js'
import { describeEachDatabase, freshDatabase } from '../support/databases.js'

describeEachDatabase('search index', (dialect) => {
  async function indexed() {
    const database = await freshDatabase(dialect)
    const { db } = database
    const search = new SearchIndex(db)
    const put = (id: string, text: string | null, scope = 'letter') =>
      db
        .transaction()
        .execute((trx) => search.put(trx, scope, id, text === null ? null : ` ${foldForSearch(text)} `))
    const find = async (query: string, scope = 'letter') =>
      (await search.matching(db, scope, queryTerms(query)).execute()).map((r) => r.docId).sort()
    return { database, search, put, find }
  }

  it('finds the documents that contain every word, forgiving diacritics and the alphabet', async () => {
    const { put, find } = await indexed()
    await put('a', 'Wydanie dowodu osobistego')
    await put('b', 'Видача паспорта громадянина України для виїзду за кордон')
    await put('c', 'Zaświadczenie o zameldowaniu, ID 42')
    expect(await find('dowod')).toEqual(['a'])
    expect(await find('pasport kordon')).toEqual(['b'])
    expect(await find('паспорт')).toEqual(['b'])
    expect(await find('zaswiadczenie')).toEqual(['c'])
    // Words shorter than the index's trigrams still count, with the long ones or alone.
    expect(await find('zameldowaniu 42')).toEqual(['c'])
    expect(await find('id')).toEqual(['c'])
    expect(await find('dowod kordon')).toEqual([])
  })

  it('replaces a document’s text, forgets a removed one, and keeps scopes apart', async () => {
    const { put, find } = await indexed()
    await put('a', 'Meldunek stały')
    await put('a', 'Wymeldowanie')
    expect(await find('meldunek')).toEqual([])
    expect(await find('vymeldovanie')).toEqual(['a'])
    await put('a', 'Wymeldowanie', 'case')
    await put('a', null)
    expect(await find('vymeldovanie')).toEqual([])
    expect(await find('vymeldovanie', 'case')).toEqual(['a'])
  })

  it('finds a number as a whole word, in the matching and in the newest-first walk, with other words', async () => {
    const { database, search, put, find } = await indexed()
    await put('a', 'RPW/77777/2026 Wniosek o dowód')
    await put('b', 'RPW/777771/2026 Wniosek o dowód')
    await put('c', 'RPW/1777/2026 Skarga')
    await put('d', 'Kwota 77777 zł, decyzja')
    expect(await find('77777')).toEqual(['a', 'd'])
    expect(await find('RPW/77777/2026')).toEqual(['a'])
    expect(await find('77777 dowod')).toEqual(['a'])
    expect(await find('777')).toEqual([])
    expect(await find('1777 skarga')).toEqual(['c'])
    const newest = async (query: string) =>
      (await search.newest(database.db, 'letter', queryTerms(query), 10, null)).docIds
    expect(await newest('77777')).toEqual(['d', 'a'])
    expect(await newest('nr 77777 decyzja')).toEqual([])
    expect(await newest('kwota 77777 decyzja')).toEqual(['d'])
    expect(await newest('dowod')).toEqual(['b', 'a'])
  })

  it('reads the trigram index rather than every document', async () => {
    const { database, search, put } = await indexed()
    for (let i = 0; i < 50; i++) await put(`d${i}`, `Dokument numer ${i} o budowie drogi`)
    const { sql: text, parameters } = search.matching(database.db, 'letter', ['budowie', 'numer']).compile()
    if (database.sqlite) {
      const plan = database.sqlite.prepare(`explain query plan ${text}`).all(...parameters) as {
        detail: string
      }[]
      expect(plan.map((r) => r.detail).join('\n')).toMatch(/VIRTUAL TABLE INDEX/)
    } else {
      // Among 3,000 other letters, with statistics, as a real catalogue or register would be.
      await sql`insert into search_documents (scope, doc_id, text)
        select 'letter', 'x' || g, ' pismo ' || md5(g::text) || ' ' from generate_series(1, 3000) g`.execute(
        database.db,
      )
      await sql`analyze search_documents`.execute(database.db)
      const explained = text.replace(/\$(\d+)/g, (_, n) => literal(parameters[Number(n) - 1]))
      // A table this small is cheaper to read whole; told not to, the planner shows the index it has.
      const plan = await database.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx)
        const { rows } = await sql.raw<{ 'QUERY PLAN': string }>(`explain ${explained}`).execute(trx)
        return rows.map((r) => r['QUERY PLAN']).join('\n')
      })
      expect(plan).toMatch(/Bitmap Index Scan on search_documents_text/)
    }
  })
  it('gives the newest matches first, batch by batch, past other scopes and what the caller may not see', async () => {
    const { database, search, put } = await indexed()
    // 300 letters and, indexed after them, 300 cases: all about "wniosek".
    for (let i = 0; i < 300; i++)
      await put(`letter-${i}`, `Wniosek ${i} ${i % 3 === 0 ? 'Kowalska' : 'Nowak'}`)
    for (let i = 0; i < 300; i++) await put(`case-${i}`, `Wniosek ${i}`, 'case')
    const ids = (query: string, limit: number, visible: (id: string) => boolean = () => true) =>
      newestVisible(
        search,
        database.db,
        'letter',
        queryTerms(query),
        limit,
        async (batch) => batch.filter(visible),
        (id) => id,
        20,
      )
    // The cases fill the newest end of the index: the letters are found under them.
    expect(await ids('wniosek', 3)).toEqual(['letter-299', 'letter-298', 'letter-297'])
    expect(await ids('wniosek kowalska', 2)).toEqual(['letter-297', 'letter-294'])
    // A caller who may see only a few old letters still gets them, newest first.
    expect(await ids('wniosek', 5, (id) => Number(id.slice(7)) < 3)).toEqual([
      'letter-2',
      'letter-1',
      'letter-0',
    ])
    expect(await ids('zaswiadczenie', 5)).toEqual([])
  })
})

function literal(value: unknown): string {
  return `'${String(value).replace(/'/g, "''")}'`
}
