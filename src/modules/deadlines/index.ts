export { deadlinesRoutes } from './deadlines.routes.js'
export { createDeadlinesService, type DeadlinesService } from './deadlines.service.js'
