export { calendarRoutes } from './calendar.routes.js'
export { CalendarDayBody, Country } from './calendar.schemas.js'
export { type CalendarService, createCalendarService } from './calendar.service.js'
