#!/usr/bin/env node
// `npm test`: every check and test of Ratusz, on SQLite and PostgreSQL, and in the browser.
// - PostgreSQL: TEST_DATABASE_URL if set; otherwise a throwaway cluster when the server binaries are
//   on this machine (a temporary folder, a Unix socket, as the `postgres` user when run as root).
// - Browser: Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
// It says what it ran and what it could not run; with CI=true anything not run is a failure.
// The last line is the summary over all parts: `N passed, N failed, N skipped`.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHECKS, passedOnThisTree, runChecks } from './checks.mjs'
import { buildIfStale } from './fresh-build.mjs'
import { haveVectors, testsNeedingVectors, vectorsDir } from './shared-vectors.mjs'

const ci = process.env.CI === 'true' || process.env.CI === '1'
// `--no-checks`: only the tests (for `npm run fuzz` and `npm run crash-test`, which name their files).
const checks = !process.argv.includes('--no-checks')
const extraArgs = process.argv.slice(2).filter((a) => a !== '--no-checks')
const ran = []
const notRun = []
const totals = { passed: 0, failed: 0, skipped: 0 }
const cleanups = []

function log(line) {
  process.stdout.write(`[test] ${line}\n`)
}

function findPgBin() {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim()
  if (onPath) return onPath.replace(/\/initdb$/, '')
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return null
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(base, versions[0], 'bin') : null
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function startThrowawayPostgres(bin) {
  const dir = mkdtempSync(join(tmpdir(), 'ratusz-pg-'))
  const data = join(dir, 'data')
  const socket = join(dir, 'socket')
  const port = await freePort()
  const asRoot = process.getuid?.() === 0
  chmodSync(dir, 0o777)
  const run = (cmd, args) => {
    const full = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]]
      : [join(bin, cmd), args]
    execFileSync(full[0], full[1], { stdio: ['ignore', 'ignore', 'inherit'] })
  }
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'])
  execFileSync('mkdir', ['-p', socket])
  if (asRoot) execFileSync('chown', ['-R', 'postgres', dir])
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-k ${socket} -p ${port} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ])
  cleanups.push(() => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
    } catch {}
    rmSync(dir, { recursive: true, force: true })
  })
  // pg_dump (backup tests) needs its binaries on PATH too.
  process.env.PATH = `${bin}:${process.env.PATH}`
  return `postgresql://postgres@/postgres?host=${encodeURIComponent(socket)}&port=${port}`
}

/** A tool's path: the environment variable's if set and present, else the first usual place that has it. */
function findTool(variable, places) {
  for (const candidate of [process.env[variable], ...places]) {
    if (candidate && existsSync(candidate)) return candidate
  }
  return null
}

function runPart(name, command, args, env = process.env) {
  log(`${name}: ${command} ${args.join(' ')}`)
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env })
    child.on('error', () => resolve(false))
    child.on('close', (code) => resolve(code === 0))
  })
}

async function main() {
  // 1. The build, which `npm start` and the process tests run: made again only when a source is newer
  // (npm install has just built it on a fresh clone). Counted as one part.
  if (checks) {
    let built = true
    try {
      buildIfStale((line) => log(`build: ${line}`))
    } catch {
      built = false
    }
    log(`build: ${built ? 'passed' : 'FAILED'}`)
    totals[built ? 'passed' : 'failed'] += 1
    ran.push('build')
  }

  // 2. Databases.
  const env = { ...process.env }
  if (env.TEST_DATABASE_URL) {
    ran.push('PostgreSQL (TEST_DATABASE_URL)')
  } else {
    const bin = findPgBin()
    if (bin) {
      try {
        env.TEST_DATABASE_URL = await startThrowawayPostgres(bin)
        // Deleted whole after the run: the tests need not drop what they made in it.
        env.RATUSZ_TEST_PG_THROWAWAY = '1'
        env.PATH = process.env.PATH
        ran.push(`PostgreSQL (throwaway cluster from ${bin})`)
      } catch (error) {
        notRun.push(`PostgreSQL tests: could not start a throwaway cluster (${error.message})`)
      }
    } else {
      notRun.push(
        'PostgreSQL tests: no TEST_DATABASE_URL and no PostgreSQL server binaries (apt-get install postgresql)',
      )
    }
  }
  ran.push('SQLite')

  // 3. Browser.
  const vitestArgs = ['--no-install', 'vitest', 'run', '--reporter=default', '--reporter=json']
  const chromium = findTool('CHROMIUM_PATH', ['/usr/bin/chromium', '/usr/bin/chromium-browser'])
  if (chromium) {
    env.CHROMIUM_PATH = chromium
    ran.push(`browser tests (${chromium})`)
  } else {
    vitestArgs.push('--exclude', 'test/browser/**')
    notRun.push('browser tests: no Chromium (apt-get install chromium)')
  }

  // 4. nginx (Debian's package): the two-instance deployment test runs behind it.
  const nginx = findTool('NGINX_PATH', ['/usr/sbin/nginx', '/usr/bin/nginx'])
  if (nginx) {
    env.NGINX_PATH = nginx
    ran.push(`deployment behind nginx (${nginx})`)
  } else {
    vitestArgs.push('--exclude', 'test/app/two-instances-nginx.test.ts')
    notRun.push('the two-instance deployment test: no nginx (apt-get install nginx-light)')
  }

  // 5. promtool (Debian's prometheus package) reads /metrics as a Prometheus server would.
  const promtool = findTool('PROMTOOL_PATH', ['/usr/local/bin/promtool', '/usr/bin/promtool'])
  if (promtool) {
    env.PROMTOOL_PATH = promtool
    ran.push(`metrics checked by promtool (${promtool})`)
  } else {
    vitestArgs.push('--exclude', 'test/app/metrics-promtool.test.ts')
    notRun.push("the promtool check of /metrics: no promtool (Debian's prometheus package has it)")
  }

  // 6. Real files from public projects (../shared/vectors): tests that need them run where they are.
  const root = join(import.meta.dirname, '..')
  const needVectors = testsNeedingVectors(root)
  if (haveVectors(root)) {
    ran.push(`tests on ../shared/vectors (${needVectors.length} files)`)
  } else if (needVectors.length) {
    for (const file of needVectors) vitestArgs.push('--exclude', file)
    notRun.push(
      `tests that read ../shared/vectors (${needVectors.join(', ')}): the folder is absent at ${vectorsDir(root)}`,
    )
  }

  const report = join(mkdtempSync(join(tmpdir(), 'ratusz-test-')), 'vitest.json')
  vitestArgs.push(`--outputFile.json=${report}`, ...extraArgs)
  // 7. The static checks run beside the tests, at a lower priority: the tests wait on databases,
  // processes and the browser often enough to leave them the CPU they need. Each check's output is
  // shown whole once the tests end. On a tree they passed on already (`npm run check`, which .ci/run
  // runs while better-sqlite3 compiles) they are not run again, and say so.
  const passedAt = checks ? passedOnThisTree() : null
  const checking = !checks
    ? Promise.resolve([])
    : passedAt
      ? Promise.resolve(
          CHECKS.map(([name]) => ({
            name,
            ok: true,
            output: `       (by \`npm run check\` on this same tree, at ${passedAt})\n`,
          })),
        )
      : runChecks({ nice: true })
  const vitestOk = await runPart('tests', 'npx', vitestArgs, env)
  for (const { name, ok, output } of await checking) {
    log(`${name}: ${ok ? 'passed' : 'FAILED'}`)
    if (!ok || output.trim()) process.stdout.write(output)
    totals[ok ? 'passed' : 'failed'] += 1
    ran.push(name)
  }
  if (existsSync(report)) {
    const result = JSON.parse(readFileSync(report, 'utf8'))
    const failedBefore = totals.failed
    totals.passed += result.numPassedTests
    totals.failed += result.numFailedTests
    totals.skipped += result.numPendingTests + result.numTodoTests
    printSlowestFiles(result.testResults, root)
    // A file that fails to load has no tests to count; count it as one failure.
    totals.failed += result.testResults.filter(
      (f) => f.status === 'failed' && f.assertionResults.length === 0,
    ).length
    // Vitest fails the run on an error outside any test (an uncaught exception, an unhandled
    // rejection) though every test passed: that is a failure too, or it would go unseen.
    if (!vitestOk && totals.failed === failedBefore) {
      log('tests: Vitest failed outside the tests (see "Unhandled Errors" above); counted as one failure')
      totals.failed += 1
    }
  } else {
    log('tests: vitest wrote no report')
    totals.failed += 1
  }

  log(`ran: ${ran.join('; ')}`)
  for (const line of notRun) log(`NOT RUN: ${line}`)
  if (ci && notRun.length > 0) {
    log('CI=true: every part must run; counting each part not run as a failure')
    totals.failed += notRun.length
  }
}

/**
 * The ten slowest test files, each with its own time (from its start to its end, in its worker): the
 * next slow test is seen the day it lands.
 */
function printSlowestFiles(files, root) {
  const timed = files
    .map((f) => ({
      name: f.name.replace(`${root}/`, ''),
      ms: f.endTime - f.startTime,
      tests: f.assertionResults.length,
    }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10)
  log('the ten slowest test files:')
  for (const { name, ms, tests } of timed)
    log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name} (${tests} tests)`)
}

let code = 0
try {
  await main()
} catch (error) {
  log(`runner failed: ${error.stack ?? error}`)
  totals.failed += 1
} finally {
  for (const cleanup of cleanups.reverse()) cleanup()
}
if (totals.failed > 0) code = 1
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`)
process.exit(code)
