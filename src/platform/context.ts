import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from './clock.js'
import type { Config } from './config.js'
import type { Database } from './db/database.js'
import type { EventBus } from './events.js'

/** What the composition root hands every module: the shared kernel, nothing module-specific. */
export interface PlatformContext {
  config: Config
  database: Database
  clock: Clock
  bus: EventBus
  log: FastifyBaseLogger
}
