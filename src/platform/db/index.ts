export * from './database.js'
export * from './migrator.js'
export * from './unique.js'
export { afterCommit } from './unit-of-work.js'
