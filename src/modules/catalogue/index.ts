export { foldForSearch, queryTerms } from '../../platform/search/fold.js'
export {
  definitionProblems,
  EService,
  FormDefinition,
  QUESTION_TYPES,
  type Question,
} from './card-e-service.js'
export { cataloguePolicy } from './catalogue.policy.js'
export { catalogueRoutes } from './catalogue.routes.js'
export { DiffQuery, ServiceCard, type ServiceDto } from './catalogue.schemas.js'
export {
  CATALOGUE_EVENTS,
  type CatalogueService,
  changedFields,
  createCatalogueService,
} from './catalogue.service.js'
export { toCpsvAp } from './cpsv-ap.js'
