export { informationRequestsRoutes } from './information-requests.routes.js'
export {
  DELIVERIES,
  InformationRequestBody,
  type InformationRequestStatusDto,
  TRACKING_CODE,
} from './information-requests.schemas.js'
export {
  createInformationRequestsService,
  type InformationRequestsService,
  type RequestPorts,
} from './information-requests.service.js'
