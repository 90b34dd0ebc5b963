import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { sql } from 'kysely'
import ts from 'typescript'
import { expect, it } from 'vitest'
import { projectRoot } from '../../src/platform/project-root.js'
import { describeEachDatabase, freshDatabase } from '../support/databases.js'

/**
 * The tables as the code types them (every `…Tables` interface under src/) against the tables the
 * migrations make: the same tables, the same columns, and each table declared by one owner only (a
 * module, or a platform piece), so that only its repository writes it.
 */
const SRC = join(projectRoot(), 'src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

/** Owner (`modules/queue`, `platform/jobs/job-store.ts`) → table → column names, from the types. */
function declaredTables(): Map<string, Map<string, string[]>> {
  const files = sourceFiles(SRC)
  const program = ts.createProgram(files, { strict: true, target: ts.ScriptTarget.ES2022, noEmit: true })
  const checker = program.getTypeChecker()
  const owners = new Map<string, Map<string, string[]>>()
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(SRC)) continue
    const path = relative(SRC, file.fileName)
    const owner = path.startsWith('modules/') ? path.split('/').slice(0, 2).join('/') : path
    ts.forEachChild(file, (node) => {
      if (!ts.isInterfaceDeclaration(node) || !node.name.text.endsWith('Tables')) return
      const tables = owners.get(owner) ?? new Map<string, string[]>()
      for (const table of checker.getTypeAtLocation(node).getProperties()) {
        const rowType = checker.getTypeOfSymbolAtLocation(table, node)
        tables.set(
          table.name,
          rowType
            .getProperties()
            .map((c) => c.name)
            .sort(),
        )
      }
      owners.set(owner, tables)
    })
  }
  return owners
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

describeEachDatabase('tables in the code and in the migrations', (dialect) => {
  it('declares every migrated table once, with exactly its columns', async () => {
    const database = await freshDatabase(dialect)
    const columns =
      dialect === 'sqlite'
        ? database
            .sqlite!.prepare(
              `select m.name as "table", p.name as "column" from sqlite_master m, pragma_table_info(m.name) p
               where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like 'kysely_%'
                 and m.name not like 'search_fts%'
                 and m.name not like 'search_words%'`,
            )
            .all()
        : (
            await sql<{ table: string; column: string }>`select table_name as "table", column_name as "column"
              from information_schema.columns
              where table_schema = current_schema() and table_name not like 'kysely_%'`.execute(database.db)
          ).rows
    const migrated = new Map<string, string[]>()
    for (const { table, column } of columns as { table: string; column: string }[])
      migrated.set(camel(table), [...(migrated.get(camel(table)) ?? []), camel(column)])

    const declared = declaredTables()
    const ownersOf = new Map<string, string[]>()
    const mismatches: string[] = []
    for (const [owner, tables] of declared)
      for (const [table, cols] of tables) {
        ownersOf.set(table, [...(ownersOf.get(table) ?? []), owner])
        const real = migrated.get(table)
        if (!real) mismatches.push(`${owner} declares ${table}, which no migration makes`)
        else if (JSON.stringify(cols) !== JSON.stringify([...real].sort()))
          mismatches.push(
            `${owner}: ${table} has columns ${[...real].sort().join(', ')}; declared ${cols.join(', ')}`,
          )
      }
    for (const table of migrated.keys())
      if (!ownersOf.has(table)) mismatches.push(`no module or platform piece declares ${table}`)
    for (const [table, owners] of ownersOf)
      if (owners.length > 1) mismatches.push(`${table} is declared by ${owners.join(' and ')}`)
    expect(mismatches).toEqual([])
    // The check itself sees the tables: every module's and the platform's.
    expect(ownersOf.get('tickets')).toEqual(['modules/queue'])
    expect(ownersOf.get('desks')).toEqual(['modules/offices'])
    expect(ownersOf.get('jobs')).toEqual(['platform/jobs/job-store.ts'])
  })
})
