#!/usr/bin/env node
// The `ratusz` command. Runs the built code in dist/ (built by `npm install` through `prepare`).
import { existsSync } from 'node:fs'

const entry = new URL('../dist/src/cli.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write('ratusz: not built yet; run `npm run build` (npm install does it) and try again\n')
  process.exit(1)
}
const { runCli } = await import(entry.href)
await runCli(process.argv)
