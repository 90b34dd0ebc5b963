export { appointmentsRoutes } from './appointments.routes.js'
export { type AppointmentsService, createAppointmentsService, instantOf } from './appointments.service.js'
