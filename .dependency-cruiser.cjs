/**
 * The boundaries of docs/architecture.md, checked by `npm run check`:
 * app → modules → platform; web beside modules (it imports only platform); a module imports another
 * only through its index.ts; no cycles.
 */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-module',
      comment: 'The shared kernel knows no module, no page and no composition root.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|app|web)/' },
    },
    {
      name: 'modules-do-not-import-the-app',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'web-imports-only-platform',
      comment: 'Layouts and components serve every module; they import no module and no app code.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(modules|app)/' },
    },
    {
      name: 'module-through-its-index',
      comment: 'Another module is reached only through its public surface, src/modules/<name>/index.ts.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'app-through-module-index',
      comment: 'The composition root and pages use a module through its index.ts too.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-tests-in-production-code',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '(^test/|\\.test\\.tsx?$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
}
