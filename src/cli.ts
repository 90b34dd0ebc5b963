import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Command } from 'commander'
import { sql } from 'kysely'
import { buildApp } from './app/build-app.js'
import { seedDemo } from './app/demo/seed-demo.js'
import { migrate, openConfiguredDatabase } from './app/prepare.js'
import { serve } from './app/serve.js'
import { packageVersion } from './app/version.js'
import { NETWORK_SEAL } from './modules/signatures/index.js'
import { backupBlobs, backupDatabase, blobsBeside, restoreBackup } from './platform/backup.js'
import { fileBlobStore } from './platform/blobs.js'
import { type Config, ConfigError, loadConfig } from './platform/config.js'
import { sqliteFileIn } from './platform/db/index.js'

/** The `ratusz` command. Every subcommand reads the same configuration as the server. */
export function cli(): Command {
  const program = new Command('ratusz')
    .description('Ratusz, the e-office for municipal one-stop service centres')
    .version(packageVersion())
    .showHelpAfterError()

  program
    .command('serve', { isDefault: true })
    .description('migrate the database, seed the demo network when empty, and serve HTTP')
    .action(async () => serve(config()))

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      await withDatabase(async (database) => {
        const applied = await migrate(database, (name) => say(`applied ${name}`))
        say(applied.length === 0 ? 'database is up to date' : `${applied.length} migration(s) applied`)
      })
    })

  program
    .command('seed')
    .description('load data into the database')
    .option('--demo', 'the demo network of offices and one demo user per role')
    .action(async (opts: { demo?: boolean }) => {
      if (!opts.demo) throw new UsageError('say what to seed: --demo')
      await withApp(async (app) => {
        const result = await seedDemo(app.services, (step) => say(`seeded ${step}`))
        say(
          result
            ? `demo network seeded: ${result.offices} offices, ${result.users.length} users, ${result.cards} service cards`
            : 'offices already exist; nothing seeded',
        )
      })
    })

  program
    .command('backup')
    .description(
      'copy the live database to a file (SQLite online backup, or pg_dump on PostgreSQL) and the stored files to <file>.blobs/',
    )
    .argument('<file>', 'where to write the backup')
    .action(async (file: string) => {
      const cfg = config()
      await withDatabase(async (database) => {
        const target = resolve(file)
        let last = -1
        await backupDatabase(database, target, cfg.databaseUrl, (percent) => {
          if (percent !== last) process.stderr.write(`\rbackup ${percent}%`)
          last = percent
        })
        process.stderr.write('\n')
        const files = await backupBlobs(fileBlobStore(cfg.blobDir), target)
        say(
          `backup written to ${target}${files ? ` and ${files} stored file(s) to ${blobsBeside(target)}` : ''}`,
        )
      }, cfg)
    })

  program
    .command('restore')
    .description('put a backup back (database and stored files); stop Ratusz first')
    .argument('<file>', 'the backup, as written by `ratusz backup`')
    .option('--force', 'replace a database that is already there')
    .action(async (file: string, opts: { force?: boolean }) => {
      const cfg = config()
      const source = resolve(file)
      const sqliteFile = cfg.databaseUrl ? null : sqliteFileIn(cfg.dataDir)
      const { files } = await restoreBackup({
        file: source,
        sqliteFile,
        databaseUrl: cfg.databaseUrl,
        databaseInUse: async () => {
          if (sqliteFile) return existsSync(sqliteFile)
          let inUse = false
          await withDatabase(async (database) => {
            // Resolved through the connection's search path: this schema only, not the database's others.
            const { rows } = await sql<{
              t: string | null
            }>`select to_regclass('kysely_migration')::text as t`.execute(database.db)
            inUse = rows[0]?.t != null
          }, cfg)
          return inUse
        },
        blobs: fileBlobStore(cfg.blobDir),
        force: opts.force === true,
      })
      say(`restored ${source}${files ? ` and ${files} stored file(s)` : ''}`)
    })

  const seal = program.command('seal').description("the offices' electronic seals, kept in <data>/seals")
  seal
    .command('init')
    .description(
      'make a demo CA and a demo seal for every office without a seal (for demos and tests: trusted by nobody)',
    )
    .action(async () => {
      await withApp(async (app) => {
        const made = await app.services.sealing.initDemo(await app.services.offices.listPublicOffices())
        say(`demo CA: ${made.ca}`)
        say(
          made.created.length
            ? `demo seals made for ${made.created.join(', ')}`
            : 'every office has a seal already',
        )
        say('to trust them elsewhere, add <public URL>/api/v1/seals/demo-ca.crt as a trust anchor')
      })
    })
  seal
    .command('import')
    .description(
      "import an office's seal (key and certificate) from a PKCS#12 file, kept under the configured seal password",
    )
    .argument(
      '<office-code>',
      "the office's code, e.g. LVIV-CNAP, or NETWORK for the network's seal (it seals the audit anchors)",
    )
    .argument('<file>', 'the .p12 or .pfx file')
    .option(
      '--password-file <file>',
      "a file whose first line is the PKCS#12 file's password (default: the configured seal password)",
    )
    .action(async (code: string, file: string, opts: { passwordFile?: string }) => {
      const cfg = config()
      const password = opts.passwordFile
        ? (readFileSync(resolve(opts.passwordFile), 'utf8').split(/\r?\n/)[0] ?? '')
        : cfg.sealPassword
      if (!password)
        throw new UsageError('give --password-file, or set RATUSZ_SEAL_PASSWORD or RATUSZ_SEAL_PASSWORD_FILE')
      await withApp(async (app) => {
        if (
          code !== NETWORK_SEAL &&
          !(await app.services.offices.listPublicOffices()).some((o) => o.code === code)
        )
          throw new UsageError(`no office has the code ${code}`)
        const cert = await app.services.sealing.importPkcs12(code, readFileSync(resolve(file)), password)
        say(
          `seal of ${code} imported: ${cert.subject}, issued by ${cert.issuer}, valid until ${cert.notAfter}`,
        )
      }, cfg)
    })

  const audit = program.command('audit').description('the tamper-evident audit log')
  audit
    .command('verify')
    .description(
      "recompute every office's hash chain and the anchors; exits 1 naming each chain's first broken entry",
    )
    .option('--anchor <file>', 'an anchor kept outside Ratusz (as exported), to verify the chains against')
    .action(async (opts: { anchor?: string }) => {
      const outside = opts.anchor ? JSON.parse(readFileSync(resolve(opts.anchor), 'utf8')) : undefined
      await withApp(async (app) => {
        const check = await app.services.audit.verifyOffline(outside)
        const { latest, ...anchors } = check.anchors
        say(
          JSON.stringify({
            ...check,
            anchors: { ...anchors, latest: latest && { id: latest.id, root: latest.root } },
          }),
        )
        for (const link of check.broken)
          process.stderr.write(
            `ratusz: audit chain ${link.officeId ? `of office ${link.officeId}` : 'of the network'} broken at entry ${link.seq} (${link.reason})\n`,
          )
        if (!check.anchors.valid)
          process.stderr.write(
            `ratusz: audit anchors broken at anchor ${check.anchors.firstBrokenId ?? 'given'}\n`,
          )
        if (!check.valid) process.exitCode = 1
      })
    })
  audit
    .command('anchor')
    .description(
      "anchor every chain's head now under one Merkle root and print it, to publish outside Ratusz",
    )
    .action(async () => {
      await withApp(async (app) => say(JSON.stringify(await app.services.audit.anchor())))
    })

  return program
}

class UsageError extends Error {}

function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

function config(): Config {
  return loadConfig()
}

/** The app built on the configured database (migrated), for commands that use its services. */
async function withApp(work: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<void>, cfg = config()) {
  const database = openConfiguredDatabase(cfg)
  const app = await buildApp({ config: cfg, database, logger: false })
  try {
    await migrate(database)
    await work(app)
  } finally {
    await app.close()
  }
}

async function withDatabase(
  work: (database: ReturnType<typeof openConfiguredDatabase>) => Promise<void>,
  cfg = config(),
) {
  const database = openConfiguredDatabase(cfg)
  try {
    await work(database)
  } finally {
    await database.close()
  }
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await cli().parseAsync(argv)
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`ratusz: ${error.message}\n`)
      process.exit(2)
    }
    process.stderr.write(`ratusz: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
}
