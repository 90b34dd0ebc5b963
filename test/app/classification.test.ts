import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { demoBearers, demoOffices } from '../support/factories.js'
import { problemOf, testApp } from '../support/test-app.js'

const GOOD =
  'symbol;title;category;parent\n0;Zarządzanie;;\n01;Organizacja;;0\n015;Skargi;A;01\n0152;Wnioski;;015\n016;Informacja publiczna;B5;01\n'

describeEachDatabase('classification (JRWA, nomenclature)', (dialect) => {
  const setUp = async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const bearers = await demoBearers(app)
    const lublin = offices['LUB-BOM']!.id
    const importCsv = (csv: string, query: string, headers = bearers.admin) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/offices/${lublin}/classifications/import?${query}`,
        headers: { ...headers, 'content-type': 'text/csv' },
        payload: csv,
      })
    return { app, bearers, lublin, importCsv }
  }

  it('has the demo JRWA in force in Lublin: over 150 classes, leaves with inherited categories', async () => {
    const { app, bearers, lublin } = await setUp()
    const versions = (
      await app.inject({ url: `/api/v1/offices/${lublin}/classifications`, headers: bearers.officer })
    ).json<{
      items: { id: string; classes: number; adoptedOn: string }[]
    }>().items
    expect(versions).toHaveLength(1)
    expect(versions[0]!.classes).toBeGreaterThanOrEqual(150)
    const top = (
      await app.inject({
        url: `/api/v1/classifications/${versions[0]!.id}/classes?parent=`,
        headers: bearers.officer,
      })
    ).json<{
      items: { symbol: string }[]
    }>().items
    expect(top.map((c) => c.symbol)).toEqual(['0', '1', '2', '3', '5', '6', '7', '8'])
    const under015 = (
      await app.inject({
        url: `/api/v1/classifications/${versions[0]!.id}/classes?parent=015`,
        headers: bearers.officer,
      })
    ).json<{
      items: { symbol: string; leaf: boolean; category: string }[]
    }>().items
    expect(under015.find((c) => c.symbol === '0152')).toMatchObject({ leaf: true, category: 'A' })
  })

  it('refuses a malformed file naming line and column, and imports nothing', async () => {
    const { importCsv } = await setUp()
    const bad = await importCsv(
      '0;Zarządzanie;;\n01;Organizacja;X9;0\n02;Sprawy;;7\n03;Bez kategorii;;0\n',
      'adoptedOn=2027-01-01',
    )
    expect(bad.statusCode).toBe(422)
    expect(problemOf(bad).errors).toEqual([
      expect.objectContaining({
        path: 'body.line[2].category',
        message: expect.stringContaining('line 2, column 3'),
      }),
      expect.objectContaining({
        path: 'body.line[3].parent',
        message: expect.stringContaining('line 3, column 4'),
      }),
    ])
    const noCategory = await importCsv('0;Z;;\n03;Bez kategorii;;0\n', 'adoptedOn=2027-01-01')
    expect(problemOf(noCategory).errors?.[0]).toMatchObject({ path: 'body.line[2].category' })
    const cycle = await importCsv('1;A;A;2\n2;B;A;1\n', 'adoptedOn=2027-01-01')
    expect(problemOf(cycle).errors?.[0]?.message).toContain('circle')
    const columns = await importCsv('0;Zarządzanie\n', 'adoptedOn=2027-01-01')
    expect(problemOf(columns).errors?.[0]?.path).toBe('body.line[1]')
    const quote = await importCsv('0;"Zarządzanie;;\n', 'adoptedOn=2027-01-01')
    expect(quote.statusCode).toBe(422)
    const json = await importCsv('{"a":1}', 'adoptedOn=2027-01-01')
    expect(json.statusCode).toBe(422)
  })

  it('previews what a new version changes, adopts it from its date, and refuses a second one on that date', async () => {
    const { app, bearers, lublin, importCsv } = await setUp()
    const preview = await importCsv(GOOD, 'adoptedOn=2027-01-01&dryRun=true')
    expect(preview.statusCode).toBe(200)
    const changes = preview.json<{
      id: string | null
      changes: { added: unknown[]; removed: unknown[]; changed: { symbol: string }[] }
    }>()
    expect(changes.id).toBeNull()
    expect(changes.changes.changed.map((c) => c.symbol)).toEqual(expect.arrayContaining(['0152', '016']))
    expect(changes.changes.removed.length).toBeGreaterThan(100)
    const versions = async () =>
      (await app.inject({ url: `/api/v1/offices/${lublin}/classifications`, headers: bearers.admin })).json<{
        items: unknown[]
      }>().items
    expect(await versions()).toHaveLength(1)
    expect((await importCsv(GOOD, 'adoptedOn=2027-01-01')).statusCode).toBe(201)
    expect(await versions()).toHaveLength(2)
    const again = await importCsv(GOOD, 'adoptedOn=2027-01-01')
    expect(problemOf(again).code).toBe('CLASSIFICATION_EXISTS')
    expect((await importCsv(GOOD, 'adoptedOn=2027-02-01', bearers.officer)).statusCode).toBe(403)
    expect((await importCsv(GOOD, 'adoptedOn=2027-02-01', bearers.manager)).statusCode).toBe(403)
  })
})
