export { appointmentsRoutes } from './appointments.routes.js'
export { BookingBody } from './appointments.schemas.js'
export { type AppointmentsService, createAppointmentsService } from './appointments.service.js'
