export { officesPolicy } from './offices.policy.js'
export { officesRoutes } from './offices.routes.js'
export {
  type CreateOfficeBody,
  DeskBody,
  type DeskDto,
  type OfficeDto,
  type OpeningHours,
  UnitBody,
  type UnitDto,
} from './offices.schemas.js'
export {
  createOfficesService,
  OFFICE_EVENTS,
  type OfficesService,
} from './offices.service.js'
export { groupOpeningHours, type HoursRun, weekdayName } from './opening-hours.js'
export { isValidUnitCode } from './unit-code.js'
