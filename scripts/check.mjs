#!/usr/bin/env node
// `npm run check`: type-check, lint, boundaries and dead code side by side; a pass is stamped with the
// tree it passed on, so that `npm test` right after does not run them again (scripts/checks.mjs).
import { runChecks, stampPass, treeDigest } from './checks.mjs'

const digest = treeDigest()
const results = await runChecks()
for (const { name, ok, output } of results) {
  process.stdout.write(`[check] ${name}: ${ok ? 'passed' : 'FAILED'}\n`)
  if (!ok || output.trim()) process.stdout.write(output)
}
if (results.every((r) => r.ok)) stampPass(digest)
else process.exitCode = 1
