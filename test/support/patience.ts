/**
 * The suite's wall-clock budgets. They catch a hang, they do not judge speed: a test waits for what it
 * waits for (an answer, a row, a selector, an event) and fails on a time limit only when nothing is
 * coming, so a busy or slow machine passes the same tests as a fast one. Slowness is seen elsewhere: npm
 * test prints the ten slowest files, and bench/ measures speed.
 */

/** One wait inside a test: a page's selector, a poll, a child process's first answer. */
export const WAIT_MS = 60_000

/** A whole test or hook (vitest.config.ts): several waits, child processes, a browser flow. */
export const TEST_MS = 300_000
