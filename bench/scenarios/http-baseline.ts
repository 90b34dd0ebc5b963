import { measure, measureBare, printTable, type Row, serveRatusz } from '../support.js'

/**
 * http-baseline: what the platform costs. /healthz (routing, hooks, headers), the home page
 * (language negotiation, a database read, HTML rendering) and an authenticated API read
 * (bearer token lookup, role check, a database read), each against the bare Fastify + SQLite insert.
 */
export async function run(options: { rounds: number; seconds: number; connections: number }): Promise<Row[]> {
  const common = { seconds: options.seconds, connections: options.connections }

  const baseline = await measureBare(common, options.rounds)

  const ratusz = await serveRatusz()
  const login = await fetch(`${ratusz.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'demo-coordinator', password: 'demo-coordinator-pass' }),
  })
  const { token } = (await login.json()) as { token: string }
  const rows: Row[] = []
  for (const [name, path, headers] of [
    ['GET /healthz', '/healthz', {}],
    ['GET / (home page, uk)', '/?lang=uk', {}],
    ['GET /api/v1/offices (bearer)', '/api/v1/offices', { authorization: `Bearer ${token}` }],
  ] as const) {
    const result = await measure({ url: `${ratusz.url}${path}`, headers, ...common }, options.rounds)
    rows.push({ name, result, memoryMiB: ratusz.peakMemoryMiB() })
  }
  await ratusz.stop()

  printTable(
    `http-baseline: ${options.rounds} rounds x ${options.seconds} s, ${options.connections} connections, medians`,
    baseline,
    rows,
  )
  return [baseline, ...rows]
}
