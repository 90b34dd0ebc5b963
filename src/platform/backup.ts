import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import type { Database } from './db/index.js'

/**
 * Copies the live database to `file` without stopping Ratusz: SQLite's online backup API (page by
 * page, consistent), or `pg_dump` in custom format on PostgreSQL.
 */
export async function backupDatabase(
  database: Database,
  file: string,
  databaseUrl: string | null,
  onProgress?: (percent: number) => void,
): Promise<void> {
  mkdirSync(dirname(file), { recursive: true })
  if (database.sqlite) {
    // From a connection of its own when there is a file: it sees only committed transactions, never
    // a group still waiting for its COMMIT on Ratusz's connection.
    const source = database.file ? new SQLite(database.file, { readonly: true }) : database.sqlite
    await source.backup(file, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages === 0 ? 100 : Math.round(((totalPages - remainingPages) / totalPages) * 100))
        return 200
      },
    })
    if (source !== database.sqlite) source.close()
    onProgress?.(100)
    return
  }
  if (!databaseUrl) throw new Error('PostgreSQL backup needs DATABASE_URL')
  // Only Ratusz's own schema: the database may hold other applications' schemas too.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)
  const args = [
    '--format=custom',
    '--no-owner',
    `--schema=${rows[0]?.schema ?? 'public'}`,
    `--file=${file}`,
    `--dbname=${databaseUrl}`,
  ]
  await new Promise<void>((resolve, reject) => {
    const child = spawn('pg_dump', args, { stdio: ['ignore', 'inherit', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk)
    })
    child.on('error', (error) => reject(new Error(`pg_dump could not start: ${error.message}`)))
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`pg_dump failed (${code}): ${stderr.trim()}`)),
    )
  })
  onProgress?.(100)
}
