// `npm run bench -- <scenario> [--rounds N] [--seconds S] [--connections C]`
// Runs a scenario from bench/scenarios against servers it starts itself and prints requests/s,
// p50/p99 latency, peak memory and the ratio to the bare Fastify + SQLite route. Never run in CI.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { ROOT } from './support.js'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
  },
})
const scenarios = readdirSync(join(ROOT, 'bench', 'scenarios')).map((f) => f.replace(/\.ts$/, ''))
const name = positionals[0]
if (!name || !scenarios.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <scenario>\nscenarios: ${scenarios.join(', ')}\n`)
  process.exit(2)
}
if (!existsSync(join(ROOT, 'dist', 'src', 'cli.js'))) {
  process.stderr.write('bench: run `npm run build` first; benchmarks measure the built code\n')
  process.exit(2)
}
const { run } = (await import(`./scenarios/${name}.ts`)) as {
  run: (o: { rounds: number; seconds: number; connections: number }) => Promise<unknown>
}
process.stdout.write(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}\n`)
const rows = await run({
  rounds: Number(values.rounds),
  seconds: Number(values.seconds),
  connections: Number(values.connections),
})
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true })
const file = join(ROOT, 'bench', 'results', `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(
  file,
  JSON.stringify({ scenario: name, node: process.version, at: new Date().toISOString(), rows }, null, 2),
)
process.stdout.write(`results: ${file}\n`)
