import { spawn } from 'node:child_process'
import { createReadStream, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { copyFile, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { type BlobStore, fileBlobStore } from './blobs.js'
import type { Database } from './db/index.js'

/** Where a backup's files go: beside the database backup, `<file>.blobs/`. */
export const blobsBeside = (file: string) => `${file}.blobs`

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
  await run('pg_dump', args)
  onProgress?.(100)
}

/**
 * Copies every stored file into `<file>.blobs/` (the same layout as the store), each checked against
 * its hash on the way: a damaged file fails the backup instead of being carried into it. Files
 * already in that folder (an earlier backup to the same place) are not copied again.
 */
export async function backupBlobs(blobs: BlobStore, file: string): Promise<number> {
  const target = fileBlobStore(blobsBeside(file))
  let count = 0
  for await (const sha256 of blobs.list()) {
    if (!(await target.has(sha256))) {
      const copy = await target.put(await blobs.get(sha256), { maxBytes: Number.MAX_SAFE_INTEGER })
      if (copy.sha256 !== sha256) throw new Error(`stored file ${sha256} is damaged`)
    }
    count += 1
  }
  return count
}

/**
 * Puts a backup back: the database (into an empty place unless `force`) and the files of
 * `<file>.blobs/`, each checked against its name. Ratusz must not be running on that database.
 */
export async function restoreBackup(options: {
  file: string
  /** SQLite: where the database file goes; null on PostgreSQL. */
  sqliteFile: string | null
  databaseUrl: string | null
  /** PostgreSQL: whether the configured schema already holds Ratusz's tables. */
  databaseInUse: () => Promise<boolean>
  blobs: BlobStore
  force: boolean
}): Promise<{ files: number }> {
  const { file } = options
  if (!existsSync(file)) throw new Error(`no backup at ${file}`)
  if (!options.force && (await options.databaseInUse()))
    throw new Error('a database is already there; stop Ratusz and add --force to replace it')
  if (options.sqliteFile) {
    const check = new SQLite(file, { readonly: true, fileMustExist: true })
    const ok = check.pragma('quick_check', { simple: true })
    check.close()
    if (ok !== 'ok') throw new Error(`the backup's SQLite file is damaged: ${String(ok)}`)
    mkdirSync(dirname(options.sqliteFile), { recursive: true })
    for (const stale of ['-wal', '-shm']) await rm(`${options.sqliteFile}${stale}`, { force: true })
    await copyFile(file, options.sqliteFile)
  } else {
    if (!options.databaseUrl) throw new Error('PostgreSQL restore needs DATABASE_URL')
    await run('pg_restore', [
      '--no-owner',
      ...(options.force ? ['--clean', '--if-exists'] : []),
      '--exit-on-error',
      `--dbname=${options.databaseUrl}`,
      file,
    ])
  }
  let files = 0
  const folder = blobsBeside(file)
  if (existsSync(folder)) {
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/^[0-9a-f]{64}$/.test(entry.name)) continue
      const put = await options.blobs.put(createReadStream(join(entry.parentPath, entry.name)), {
        maxBytes: Number.MAX_SAFE_INTEGER,
      })
      if (put.sha256 !== entry.name) throw new Error(`the backup's file ${entry.name} is damaged`)
      files += 1
    }
  }
  return { files }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk)
    })
    child.on('error', (error) => reject(new Error(`${command} could not start: ${error.message}`)))
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${stderr.trim()}`)),
    )
  })
}
