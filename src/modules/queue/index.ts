export { BoardHub } from './board-hub.js'
export { QUEUE_EVENTS } from './queue.context.js'
export { queuePolicy } from './queue.policy.js'
export { queueRoutes } from './queue.routes.js'
export {
  BASE_PRIORITIES,
  type BoardDto,
  CallReason,
  type DeskDto,
  DeskQueuesBody,
  type QueueDto,
  type QueueStatsDto,
  TicketDto,
} from './queue.schemas.js'
export { createQueueService, type QueueService } from './queue.service.js'
export { actionsFrom, type TicketAction } from './ticket-transitions.js'
