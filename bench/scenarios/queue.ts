import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { issueThenCall } from '../queue-phases.js'
import {
  api,
  boardStream,
  login,
  measureBare,
  median,
  printTable,
  type Row,
  serveBareQueue,
  serveRatusz,
} from '../support.js'

const CLERKS = 50
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000)
const CALLS = 30
/** Bursts of 500 issues and 450 calls per round, for the ratios to the hand-written queue. */
const BURSTS = 4

/** Lviv's front office with 50 clerks at 50 desks serving queue A, and the kiosk's token. */
export async function frontOffice(base: string) {
  const admin = await login(base, 'demo-admin', 'demo-admin-pass')
  const offices = (await api(base, 'GET', '/api/v1/offices', admin)).items as { id: string; code: string }[]
  const officeId = offices.find((o) => o.code === 'LVIV-CNAP')!.id
  const queues = (await api(base, 'GET', `/api/v1/offices/${officeId}/queues`)).items as {
    id: string
    prefix: string
  }[]
  const queueId = queues.find((q) => q.prefix === 'A')!.id
  const clerks: { token: string; deskId: string }[] = []
  // Ten at a time: sign-in attempts are reserved before the password is checked, so more than 20 in
  // flight at once from one address (this process) would be refused like a guessing burst.
  for (let batch = 0; batch < CLERKS; batch += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, CLERKS - batch) }, async (_, j) => {
        const i = batch + j
        const user = `bench-clerk-${i}`
        await api(base, 'POST', '/api/v1/users', admin, {
          login: user,
          password: `${user}-password`,
          name: `Bench clerk ${i}`,
          roles: [{ role: 'consultant', officeId }],
        })
        const desk = await api(base, 'POST', `/api/v1/offices/${officeId}/desks`, admin, {
          name: `Bench desk ${i}`,
          queueIds: [queueId],
        })
        const token = await login(base, user, `${user}-password`)
        await api(base, 'POST', `/api/v1/desks/${desk.id}/open`, token)
        clerks.push({ token, deskId: desk.id as string })
      }),
    )
  }
  return { officeId, queueId, clerks, kiosk: await login(base, 'demo-kiosk-lviv', 'demo-kiosk-lviv-pass') }
}

/** Issue + call-next cycles from `connections` clients; every call is checked for duplicates. */
export async function cycles(
  base: string,
  o: Awaited<ReturnType<typeof frontOffice>>,
  seconds: number,
  connections: number,
) {
  let turn = 0
  const calledIds: string[] = []
  const numbers: string[] = []
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: `/api/v1/offices/${o.officeId}/tickets`,
        headers: { authorization: `Bearer ${o.kiosk}`, 'content-type': 'application/json' },
        body: JSON.stringify({ queueId: o.queueId }),
        onResponse: (status, body) => {
          if (status === 201) numbers.push((JSON.parse(body) as { number: string; localDate: string }).number)
        },
      },
      {
        method: 'POST',
        setupRequest: (req) => {
          const clerk = o.clerks[turn++ % o.clerks.length]!
          return {
            ...req,
            path: `/api/v1/desks/${clerk.deskId}/call-next`,
            headers: { authorization: `Bearer ${clerk.token}` },
          }
        },
        onResponse: (status, body) => {
          if (status === 200) calledIds.push((JSON.parse(body) as { id: string }).id)
        },
      },
    ],
  })
  return {
    row: {
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
    },
    calls: calledIds.length,
    duplicateCalls: calledIds.length - new Set(calledIds).size,
    issued: numbers.length,
    duplicateNumbers: numbers.length - new Set(numbers).size,
  }
}

/** Opens `n` board streams and resolves once each has its first board; `onCalled` gets each receipt. */
async function subscribe(base: string, officeId: string, n: number, onCalled: (calledAt: string) => void) {
  const streams = Array.from({ length: n }, () =>
    boardStream(`${base}/api/v1/offices/${officeId}/board/events`, onCalled),
  )
  if (!(await Promise.all(streams.map((s) => s.ready))).every(Boolean))
    throw new Error('a board stream failed to open')
  return () => {
    for (const s of streams) s.destroy()
  }
}

/** How long a call takes to reach every connected board: receipt time minus the call's time. */
async function fanOut(base: string, o: Awaited<ReturnType<typeof frontOffice>>) {
  const delays: number[] = []
  const close = await subscribe(base, o.officeId, SUBSCRIBERS, (calledAt) =>
    delays.push(Date.now() - Date.parse(calledAt)),
  )
  const clerk = o.clerks[0]!
  for (let i = 0; i < CALLS; i++) {
    await api(base, 'POST', `/api/v1/offices/${o.officeId}/tickets`, o.kiosk, { queueId: o.queueId })
    await api(base, 'POST', `/api/v1/desks/${clerk.deskId}/call-next`, clerk.token)
    await new Promise((r) => setTimeout(r, 100))
  }
  await new Promise((r) => setTimeout(r, 500))
  close()
  delays.sort((a, b) => a - b)
  const at = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))] ?? Number.NaN
  return { received: delays.length, expected: SUBSCRIBERS * CALLS, p50: at(0.5), p99: at(0.99), max: at(1) }
}

/**
 * queue: ticket issue + call-next cycles over HTTP from 50 clients (kiosk issuing, 50 clerks at 50
 * desks calling in turn), checked for duplicate numbers and double calls; then one call's way to
 * 1,000 connected boards; then issuing alone and calling alone, on Ratusz and on the same durable
 * work hand-written on the bare stack (bench/bare-queue.mjs), with both ratios. PostgreSQL: set
 * BENCH_DATABASE_URL to an empty database.
 */
export async function run(options: { rounds: number; seconds: number; connections: number }): Promise<Row[]> {
  const connections = 50
  const env: Record<string, string> = {
    RATUSZ_DATA_DIR: mkdtempSync(join(tmpdir(), 'ratusz-bench-queue-')),
    LOG_LEVEL: 'warn',
  }
  if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL
  const dialect = env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'
  // BENCH_QUEUE_ONLY=ratios: only the comparison with the hand-written queue (quicker, to iterate).
  const all = process.env.BENCH_QUEUE_ONLY !== 'ratios'
  const baseline = all
    ? await measureBare({ seconds: options.seconds, connections }, options.rounds)
    : {
        name: 'bare (not run)',
        result: { requestsPerSecond: 1, p50: 0, p99: 0, non2xx: 0, errors: 0 },
        memoryMiB: 0,
      }
  const ratusz = await serveRatusz({ ...env, LOG_LEVEL: 'info' })
  const o = await frontOffice(ratusz.url)
  const runs: Awaited<ReturnType<typeof cycles>>[] = []
  if (all) {
    await cycles(ratusz.url, o, 1, connections)
    for (let i = 0; i < options.rounds; i++)
      runs.push(await cycles(ratusz.url, o, options.seconds, connections))
  }
  const fan = all ? await fanOut(ratusz.url, o) : null
  const ratuszAlone = await issueThenCall(
    {
      url: ratusz.url,
      issuePath: `/api/v1/offices/${o.officeId}/tickets`,
      issueToken: o.kiosk,
      issueBody: JSON.stringify({ queueId: o.queueId }),
      desks: o.clerks.map((c) => ({ path: `/api/v1/desks/${c.deskId}/call-next`, token: c.token })),
    },
    options.rounds,
    BURSTS,
    connections,
  )
  const memoryMiB = ratusz.peakMemoryMiB()
  await ratusz.stop()
  const bare = await serveBareQueue(env.DATABASE_URL)
  const reference = await issueThenCall(
    {
      url: bare.url,
      issuePath: '/tickets',
      issueToken: 'kiosk-token',
      issueBody: '{}',
      desks: o.clerks.map((_, i) => ({ path: `/desks/desk-${i}/call-next`, token: `clerk-${i}-token` })),
    },
    options.rounds,
    BURSTS,
    connections,
  )
  const bareMemoryMiB = bare.peakMemoryMiB()
  await bare.stop()
  const row: Row = {
    name: 'issue + call-next (50 clerks)',
    result: {
      requestsPerSecond: Math.round(median(runs.map((r) => r.row.requestsPerSecond))),
      p50: median(runs.map((r) => r.row.p50)),
      p99: median(runs.map((r) => r.row.p99)),
      non2xx: runs.reduce((n, r) => n + r.row.non2xx, 0),
      errors: runs.reduce((n, r) => n + r.row.errors, 0),
    },
    memoryMiB,
  }
  if (all && fan)
    printTable(
      `queue on ${dialect}: ${options.rounds} rounds x ${options.seconds} s, ${connections} connections, medians`,
      baseline,
      [row],
    )
  const sum = (f: (r: (typeof runs)[number]) => number) => runs.reduce((n, r) => n + f(r), 0)
  if (all && fan)
    process.stdout.write(
      `tickets issued ${sum((r) => r.issued)}, duplicate numbers ${sum((r) => r.duplicateNumbers)}; calls ${sum((r) => r.calls)}, double calls ${sum((r) => r.duplicateCalls)}\n` +
        `board fan-out to ${SUBSCRIBERS} subscribers, ${CALLS} calls: received ${fan.received}/${fan.expected}, p50 ${fan.p50} ms, p99 ${fan.p99} ms, max ${fan.max} ms\n`,
    )
  const lines = [
    `\nagainst the same durable work hand-written on the bare stack (bench/bare-queue.mjs), ${connections} connections, medians`,
    `${'use case'.padEnd(12)} ${'Ratusz req/s'.padStart(13)} ${'p99'.padStart(6)} ${'by hand req/s'.padStart(14)} ${'p99'.padStart(6)} ${'ratio'.padStart(6)} ${'p99 x'.padStart(6)}`,
  ]
  const rows: Row[] = [baseline, row]
  for (const [name, ours, theirs] of [
    ['issue', ratuszAlone.issue, reference.issue],
    ['call-next', ratuszAlone.call, reference.call],
  ] as const) {
    lines.push(
      `${name.padEnd(12)} ${String(ours.requestsPerSecond).padStart(13)} ${String(ours.p99).padStart(6)} ${String(theirs.requestsPerSecond).padStart(14)} ${String(theirs.p99).padStart(6)} ${(ours.requestsPerSecond / theirs.requestsPerSecond).toFixed(2).padStart(6)} ${(ours.p99 / theirs.p99).toFixed(2).padStart(6)}` +
        (ours.non2xx || theirs.non2xx || ours.errors || theirs.errors
          ? `  (!) non-2xx ${ours.non2xx}/${theirs.non2xx}, errors ${ours.errors}/${theirs.errors}`
          : '') +
        `  (done ${ours.done}/${theirs.done})`,
    )
    rows.push({ name: `${name} (Ratusz)`, result: ours, memoryMiB })
    rows.push({ name: `${name} (by hand)`, result: theirs, memoryMiB: bareMemoryMiB })
  }
  process.stdout.write(`${lines.join('\n')}\n`)
  return rows
}
