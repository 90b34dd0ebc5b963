export * from './database.js'
export * from './migrator.js'
export * from './unique.js'
