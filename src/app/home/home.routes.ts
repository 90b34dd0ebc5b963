import type { OfficesService } from '../../modules/offices/index.js'
import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { documentOf } from '../../web/jsx.js'
import { pageContextOf } from '../../web/page-context.js'
import { HomePage } from './home.page.js'

export function homeRoutes(config: Config, offices: OfficesService) {
  return async (app: AppInstance) => {
    app.get('/', { schema: { hide: true } }, async (req, reply) => {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      const list = await offices.listPublicOffices()
      return reply.type('text/html; charset=utf-8').send(documentOf(HomePage({ ctx, offices: list })))
    })
  }
}
