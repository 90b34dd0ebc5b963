export * from './database.js'
export * from './migrator.js'
export * from './unique.js'
export { afterCommit, beforeCommit, inTransaction } from './unit-of-work.js'
