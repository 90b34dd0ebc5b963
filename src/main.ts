import { runCli } from './cli.js'

// `node dist/src/main.js` serves, like `ratusz serve`; any arguments are the CLI's.
const args = process.argv.slice(2)
await runCli([process.argv[0] ?? 'node', 'ratusz', ...(args.length > 0 ? args : ['serve'])])
