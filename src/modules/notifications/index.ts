export { notificationsRoutes } from './notifications.routes.js'
export { createNotificationsService, type NotificationsService } from './notifications.service.js'
export { createReminders } from './reminders.js'
