import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { describeEachDatabase, freshDatabaseEnv } from '../support/databases.js'
import { WAIT_MS } from '../support/patience.js'
import { demoSeededEnv, ROOT, runRatusz, startServer } from '../support/process.js'

describeEachDatabase('the ratusz process', (dialect) => {
  it('starts on an empty database, migrates, seeds the demo network, prints where to sign in and serves three languages', async () => {
    const env = await freshDatabaseEnv(dialect)
    const server = await startServer({ ...env, RATUSZ_ADMIN_PASSWORD: 'operator-secret-1' })
    expect(server.output()).toMatch(/Ratusz is running at/)
    expect(server.output()).toMatch(/demo-admin\s+demo-admin-pass\s+admin/)
    expect(server.output()).toMatch(dialect === 'sqlite' ? /database: sqlite/ : /database: postgres/)
    for (const [lang, text] of [
      ['uk', 'Ласкаво просимо'],
      ['pl', 'Witamy w e-urzędzie'],
      ['en', 'Welcome to the e-office'],
    ]) {
      const res = await fetch(`${server.url}/?lang=${lang}`)
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html).toContain(`<html lang="${lang}">`)
      expect(html).toContain(text)
    }
    // The operator's bootstrap admin can sign in.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: 'operator-secret-1' }),
    })
    expect(login.status).toBe(200)
    // The demo offices seal with demo seals from the start; the demo CA is published to check them.
    const ca = await fetch(`${server.url}/api/v1/seals/demo-ca.crt`)
    expect(ca.status).toBe(200)
    expect(ca.headers.get('content-type')).toBe('application/pkix-cert')
    // Every answer's request id is in its log line.
    const requestId = (await fetch(`${server.url}/healthz`)).headers.get('x-request-id')!
    // The line is written when the answer completes; wait for it rather than for a fixed time.
    await expect.poll(() => server.output(), { timeout: WAIT_MS }).toContain(`"requestId":"${requestId}"`)
    process.stdout.write(
      `[startup] ${dialect}: first answer ${Math.round(server.startupMs)} ms after spawn (first start, with migrations and demo seed)\n`,
    )
  })

  it('keeps data across restarts and does not seed twice', async () => {
    const env = await freshDatabaseEnv(dialect)
    const first = await startServer(env)
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    const second = await startServer(env)
    expect(second.output()).not.toMatch(/Demo network seeded/)
    const home = await (await fetch(`${second.url}/?lang=en`)).text()
    expect(home.match(/<li class="card">/g)).toHaveLength(4)
  })

  it('does not seed the demo network when RATUSZ_DEMO=0', async () => {
    const env = await freshDatabaseEnv(dialect)
    const server = await startServer({ ...env, RATUSZ_DEMO: '0' })
    const home = await (await fetch(`${server.url}/?lang=en`)).text()
    expect(home).toContain('No service centre has been set up yet.')
  })

  it('stops on SIGTERM: finishes, closes the database, exits 0', async () => {
    const env = await demoSeededEnv(dialect)
    const server = await startServer(env)
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.output()).toMatch(/"msg":"shutting down"/)
    expect(server.output()).toMatch(/"msg":"stopped"/)
  })

  it('migrates, seeds and backs up from the command line', async () => {
    const env = await freshDatabaseEnv(dialect)
    const migrate = await runRatusz(['migrate'], env)
    expect(migrate.code).toBe(0)
    expect(migrate.stdout).toMatch(/applied 2026-11-25-001-offices/)
    expect((await runRatusz(['migrate'], env)).stdout).toMatch(/database is up to date/)

    const seed = await runRatusz(['seed', '--demo'], env)
    expect(seed.stdout).toMatch(/demo network seeded: 4 offices, 9 users/)
    const again = await runRatusz(['seed', '--demo'], env)
    expect(again.stdout, again.stderr).toMatch(/nothing seeded/)

    const file = `${env.RATUSZ_DATA_DIR}/backups/ratusz.backup`
    const backup = await runRatusz(['backup', file], env)
    expect(backup.code, backup.stderr).toBe(0)
    expect(backup.stderr).toMatch(/backup 100%/)
    if (dialect === 'sqlite') {
      const SQLite = (await import('better-sqlite3')).default
      const copy = new SQLite(file, { readonly: true })
      expect(copy.prepare('select count(*) as n from offices').get()).toEqual({ n: 4 })
      copy.close()
    } else {
      const { execFileSync } = await import('node:child_process')
      const listing = execFileSync('pg_restore', ['--list', file], { encoding: 'utf8' })
      expect(listing).toMatch(/TABLE \S+ offices/)
    }
  })

  it('makes demo seals and imports an office seal from PKCS#12 from the command line, keeping the key private', async () => {
    const env = await demoSeededEnv(dialect)
    const init = await runRatusz(['seal', 'init'], env)
    expect(init.code, init.stderr).toBe(0)
    expect(init.stdout).toMatch(/demo CA: .*Ratusz DEMO CA/)
    expect(init.stdout).toMatch(/demo seals made for .*LVIV-CNAP/)
    expect((await runRatusz(['seal', 'init'], env)).stdout).toMatch(/every office has a seal already/)
    expect((statSync(join(env.RATUSZ_DATA_DIR!, 'seals', 'LVIV-CNAP.p12')).mode & 0o777).toString(8)).toBe(
      '600',
    )
    const p12 = join(ROOT, 'test', 'support', 'fixtures', 'openssl-rsa-seal.p12')
    const passwordFile = join(env.RATUSZ_DATA_DIR!, 'p12-password')
    writeFileSync(passwordFile, 'seal-test\n')
    // A real key is never kept under the demo password.
    const refused = await runRatusz(['seal', 'import', 'LUB-BOM', p12, '--password-file', passwordFile], env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/RATUSZ_SEAL_PASSWORD/)
    const secured = { ...env, RATUSZ_SEAL_PASSWORD: 'a-long-seal-password' }
    const wrong = await runRatusz(['seal', 'import', 'LUB-BOM', p12], secured)
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/wrong password/)
    expect(wrong.stdout + wrong.stderr).not.toContain('a-long-seal-password')
    const imported = await runRatusz(
      ['seal', 'import', 'LUB-BOM', p12, '--password-file', passwordFile],
      secured,
    )
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toMatch(/seal of LUB-BOM imported: .*Test Office Seal \(OpenSSL\)/)
    expect(
      (await runRatusz(['seal', 'import', 'NOPE', p12, '--password-file', passwordFile], secured)).stderr,
    ).toMatch(/no office has the code NOPE/)
  })

  it('verifies the audit chain from the command line and exits 1 when an entry was tampered with', async () => {
    const env = await demoSeededEnv(dialect)
    const ok = await runRatusz(['audit', 'verify'], env)
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, broken: [] })
    const anchor = JSON.parse((await runRatusz(['audit', 'anchor'], env)).stdout)
    expect(anchor).toMatchObject({ id: 1, root: expect.stringMatching(/^[0-9a-f]{64}$/) })

    const tamper =
      "update audit_log set actor_login = 'someone-else' where chain = 'network' and chain_seq = 3"
    if (dialect === 'sqlite') {
      const SQLite = (await import('better-sqlite3')).default
      const db = new SQLite(`${env.RATUSZ_DATA_DIR}/ratusz.sqlite`)
      db.exec(tamper)
      db.close()
    } else {
      const pg = (await import('pg')).default
      const client = new pg.Client({ connectionString: env.DATABASE_URL })
      await client.connect()
      await client.query(tamper)
      await client.end()
    }
    const broken = await runRatusz(['audit', 'verify'], env)
    expect(broken.code).toBe(1)
    expect(JSON.parse(broken.stdout)).toMatchObject({
      valid: false,
      broken: [{ chain: 'network', seq: 3, reason: 'entry' }],
    })
    expect(broken.stderr).toContain('audit chain of the network broken at entry 3 (entry)')
  })
})

it('refuses to start with a bad setting, naming the variable', async () => {
  const run = await runRatusz(['serve'], { PORT: 'eighty', RATUSZ_DEFAULT_LANGUAGE: 'de' })
  expect(run.code).toBe(2)
  expect(run.stderr).toContain('PORT: expected a whole number from 0 to 65535, got "eighty"')
  expect(run.stderr).toContain('RATUSZ_DEFAULT_LANGUAGE: expected one of uk, pl, en, got "de"')
})

it('explains its commands with --help', async () => {
  const run = await runRatusz(['--help'], {})
  expect(run.code).toBe(0)
  for (const command of ['serve', 'migrate', 'seed', 'backup']) expect(run.stdout).toContain(command)
})
