import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buffer } from 'node:stream/consumers'
import { sql } from 'kysely'
import pg from 'pg'
import { expect, it } from 'vitest'
import { fileBlobStore } from '../../src/platform/blobs.js'
import { openDatabase, sqliteFileIn } from '../../src/platform/db/index.js'
import { describeEachDatabase, freshDatabaseEnv } from '../support/databases.js'
import { runRatusz } from '../support/process.js'

const signedPdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 9), Buffer.from('\n%%EOF\n')])

describeEachDatabase('backup and restore', (dialect) => {
  it('puts the database and the stored files back from `ratusz backup` with `ratusz restore`', async () => {
    const env = await freshDatabaseEnv(dialect)
    expect((await runRatusz(['seed', '--demo'], env)).code).toBe(0)
    const blobs = fileBlobStore(join(env.RATUSZ_DATA_DIR!, 'blobs'))
    const stored = await blobs.put(signedPdf, { maxBytes: 1 << 20 })
    // The demo's case documents (PDFs it makes) are stored files too.
    let files = 0
    for await (const _ of blobs.list()) files++
    expect(files).toBeGreaterThan(1)

    const file = join(mkdtempSync(join(tmpdir(), 'ratusz-backup-')), 'ratusz.backup')
    const backup = await runRatusz(['backup', file], env)
    expect(backup.code, backup.stderr).toBe(0)
    expect(backup.stdout).toContain(`and ${files} stored file(s)`)

    // Somewhere empty: a new data folder (SQLite), the same schema emptied (PostgreSQL, whose dump
    // names its schema), and a new folder for the files.
    const restoredBlobs = mkdtempSync(join(tmpdir(), 'ratusz-blobs-'))
    let target: Record<string, string>
    if (dialect === 'sqlite') target = { RATUSZ_DATA_DIR: mkdtempSync(join(tmpdir(), 'ratusz-data-')) }
    else {
      target = { ...env }
      const schema = /search_path%3D(\w+)/.exec(env.DATABASE_URL!)?.[1]
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
      await admin.connect()
      await admin.query(`drop schema ${schema} cascade`)
      await admin.end()
    }
    target.RATUSZ_BLOB_DIR = restoredBlobs

    const restore = await runRatusz(['restore', file], target)
    expect(restore.code, restore.stderr).toBe(0)
    expect(restore.stdout).toContain(`and ${files} stored file(s)`)
    // Restoring over a database that is there needs --force.
    const again = await runRatusz(['restore', file], target)
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/add --force/)

    const audit = await runRatusz(['audit', 'verify'], target)
    expect(JSON.parse(audit.stdout)).toMatchObject({ valid: true })
    const database =
      dialect === 'sqlite'
        ? openDatabase({ sqliteFile: sqliteFileIn(target.RATUSZ_DATA_DIR!) })
        : openDatabase({ databaseUrl: target.DATABASE_URL! })
    try {
      const { rows } = await sql<{ n: number }>`select count(*) as n from offices`.execute(database.db)
      expect(Number(rows[0]!.n)).toBe(4)
    } finally {
      await database.close()
    }
    expect(await buffer(await fileBlobStore(restoredBlobs).get(stored.sha256))).toEqual(signedPdf)
  })
})
