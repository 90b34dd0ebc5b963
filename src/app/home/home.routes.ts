import { OFFICE_EVENTS, type OfficesService } from '../../modules/offices/index.js'
import { TtlCache } from '../../platform/cache.js'
import type { Clock } from '../../platform/clock.js'
import type { Config } from '../../platform/config.js'
import type { EventBus } from '../../platform/events.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { type RenderedPage, renderedPage, sendRendered } from '../../platform/http/etag.js'
import { localDateOf } from '../../platform/timezone.js'
import { documentOf } from '../../web/jsx.js'
import { pageContextOf } from '../../web/page-context.js'
import { HomePage } from './home.page.js'

export function homeRoutes(config: Config, offices: OfficesService, bus: EventBus, clock: Clock) {
  // The home page is the same for every resident in a language; rendering it once every few
  // seconds instead of on every request keeps it as fast as the bare stack (docs/performance.md).
  const rendered = new TtlCache<RenderedPage>({ ttlMs: 5_000, maxEntries: 64 })
  for (const type of Object.values(OFFICE_EVENTS)) bus.subscribe(type, () => rendered.clear())

  return async (app: AppInstance) => {
    app.get('/', { schema: { hide: true } }, async (req, reply) => {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      const key = `${ctx.lang}?${ctx.query.toString()}`
      const page = await rendered.getOrLoad(key, async () => {
        const list = await offices.listPublicOffices()
        const closures = Object.fromEntries(
          await Promise.all(
            list.map(async (o) => {
              const today = localDateOf(clock.now(), o.timezone)
              const end = localDateOf(new Date(clock.now().getTime() + 13 * 86_400_000), o.timezone)
              return [o.id, await offices.closuresBetween(o.id, today, end)] as const
            }),
          ),
        )
        return renderedPage(documentOf(HomePage({ ctx, offices: list, closures })))
      })
      return sendRendered(reply, page)
    })
  }
}
