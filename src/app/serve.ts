import type { Config } from '../platform/config.js'
import { buildApp } from './build-app.js'
import { migrate, openConfiguredDatabase, prepareData } from './prepare.js'

/**
 * Starts Ratusz: database, migrations, bootstrap data, HTTP. Stops gracefully on SIGTERM/SIGINT:
 * no new connections, requests in flight finish, then the database closes.
 */
export async function serve(config: Config): Promise<void> {
  const database = openConfiguredDatabase(config)
  const app = await buildApp({ config, database })

  // Handlers first: a SIGTERM that arrives while the server is still starting must stop it cleanly
  // too, not kill it with Node's default action.
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down')
    const timer = setTimeout(() => {
      app.log.error('shutdown took longer than 10 s; exiting')
      process.exit(1)
    }, 10_000)
    timer.unref()
    await app.close()
    app.log.info('stopped')
    process.exit(0)
  }
  process.once('SIGTERM', () => void stop('SIGTERM'))
  process.once('SIGINT', () => void stop('SIGINT'))

  const applied = await migrate(database)
  if (applied.length > 0) app.log.info({ migrations: applied }, 'migrations applied')
  const prepared = await prepareData(config, app.services)
  if (prepared.admin) app.log.info('created user admin from RATUSZ_ADMIN_PASSWORD')

  await app.listen({ port: config.port, host: config.host })
  const where = config.publicUrl
  const lines = [
    `Ratusz is running at ${where} (database: ${database.dialect}${database.file ? ` ${database.file}` : ''})`,
  ]
  if (prepared.demo) {
    lines.push(
      `Demo network seeded: ${prepared.demo.offices} offices, ${prepared.demo.cards} service cards. Demo-only accounts (sign in at ${where}/login):`,
    )
    for (const u of prepared.demo.users)
      lines.push(
        `  ${u.login.padEnd(20)} ${u.password.padEnd(26)} ${u.role}${u.office ? ` @ ${u.office}` : ''}`,
      )
  }
  process.stdout.write(`${lines.join('\n')}\n`)

  // The newest audit anchor goes to the log at start (and each hour a new one, by the audit.anchor
  // job), so an operator's log archive keeps it.
  try {
    const anchor = await app.services.audit.latestAnchor()
    app.log.info(
      { auditAnchor: anchor && { id: anchor.id, root: anchor.root, at: anchor.at } },
      'audit anchor',
    )
  } catch (error) {
    app.log.error({ err: error }, 'could not read the audit anchor')
  }
}
