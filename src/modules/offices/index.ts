export { officesPolicy } from './offices.policy.js'
export { officesRoutes } from './offices.routes.js'
export type {
  CreateOfficeBody,
  DeskDto,
  OfficeDto,
  OpeningHours,
  UnitBody,
  UnitDto,
} from './offices.schemas.js'
export {
  createOfficesService,
  OFFICE_EVENTS,
  type OfficesService,
} from './offices.service.js'
export { groupOpeningHours, type HoursRun, weekdayName } from './opening-hours.js'
export { isValidUnitCode } from './unit-code.js'
