import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { AuditPage } from './audit.page.js'
import {
  CursorQuery,
  type StaffServices,
  send,
  staffPageHelpers,
  staffRouteOptions,
} from './staff-page-helpers.js'

/** The audit log page with the chain status. */
export function auditPageRoutes(config: Config, services: StaffServices) {
  const { audit } = services
  const { staffContext } = staffPageHelpers(config)

  return async (app: AppInstance) => {
    const { page } = staffRouteOptions(app)

    app.get(
      '/staff/audit',
      {
        ...page,
        schema: {
          hide: true,
          querystring: CursorQuery,
        },
      },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const [list, check, head] = await Promise.all([
          audit.list(s.actor, { limit: 50, ...(req.query.cursor ? { cursor: req.query.cursor } : {}) }),
          audit.verify(s.actor),
          audit.head(),
        ])
        return send(reply, AuditPage({ s, entries: list.items, check, head, nextCursor: list.nextCursor }))
      },
    )
  }
}
