export { officesPolicy } from './offices.policy.js'
export { officesRoutes } from './offices.routes.js'
export type { DeskDto, OfficeDto, OpeningHours, UnitDto } from './offices.schemas.js'
export {
  createOfficesService,
  type NewOffice,
  OFFICE_EVENTS,
  type OfficesService,
} from './offices.service.js'
export { groupOpeningHours, type HoursRun, weekdayName } from './opening-hours.js'
