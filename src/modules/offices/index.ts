export { officesPolicy } from './offices.policy.js'
export { officesRoutes } from './offices.routes.js'
export {
  CreateOfficeBody,
  DeskBody,
  type DeskDto,
  type OfficeDto,
  type OpeningHours,
  UnitBody,
  type UnitDto,
  UpdateOfficeBody,
  WEEKDAYS,
} from './offices.schemas.js'
export {
  type Closure,
  createOfficesService,
  deskNameTaken,
  OFFICE_EVENTS,
  type OfficesService,
} from './offices.service.js'
export { formatSpans, groupOpeningHours, parseSpans, weekdayName } from './opening-hours.js'
