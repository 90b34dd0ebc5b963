export { eservicesRoutes } from './eservices.routes.js'
