export { registerFilesRoutes } from './register-files.routes.js'
export { registryRoutes } from './registry.routes.js'
export { createRegistryService } from './registry.service.js'
