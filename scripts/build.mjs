#!/usr/bin/env node
// `npm run build`: bundle Ratusz into dist/src/ with esbuild (types are only removed; the type-check is
// `npm run check` and `npm test`), then stamp the time of the build so that `npm start` can tell whether
// a source changed since.
//
// One bundle rather than a file per source: a process loaded ≈2,000 modules (ours and the packages')
// at every start, ≈2.0 s of CPU before it did anything; bundled, it starts in ≈1.1 s
// (docs/performance.md#test-suite). Three entries share their code through chunks: the command
// (cli.js), `node dist/src/main.js` (main.js), and the signature validation worker, which the pool
// finds beside the code that starts it (validation-worker.js).
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const root = join(import.meta.dirname, '..')
const dist = join(root, 'dist')

/**
 * Packages left to Node to load: native addons, and packages that read their own files or start their
 * own workers from paths relative to their sources (fonts and colour profiles, worker scripts, static
 * pages), which a bundle would move away from them.
 */
const EXTERNAL = [
  'better-sqlite3',
  '@node-rs/argon2',
  'pg-native',
  'pdfkit',
  'pdfjs-dist',
  'piscina',
  'pino',
  'thread-stream',
  '@fastify/swagger',
  '@fastify/swagger-ui',
]

rmSync(dist, { recursive: true, force: true })
await build({
  entryPoints: {
    cli: join(root, 'src', 'cli.ts'),
    main: join(root, 'src', 'main.ts'),
    'validation-worker': join(root, 'src', 'modules', 'signatures', 'validation-worker.ts'),
  },
  outdir: join(dist, 'src'),
  // Chunks beside the entries: the pool finds its worker at ./validation-worker.js from its chunk.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: EXTERNAL,
  // The packages written as CommonJS call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __ratuszRequire } from 'node:module'; const require = __ratuszRequire(import.meta.url);",
  },
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  tsconfig: join(root, 'tsconfig.build.json'),
  logLevel: 'warning',
})
writeFileSync(join(dist, '.built'), `${new Date().toISOString()}\n`)
