import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { accountRoutes } from './account.routes.js'
import { accountsRoutes } from './accounts.routes.js'
import { auditPageRoutes } from './audit-page.routes.js'
import { calendarPageRoutes } from './calendar-page.routes.js'
import { networkRoutes } from './network.routes.js'
import { signInRoutes } from './sign-in.routes.js'
import type { StaffServices } from './staff-page-helpers.js'

/** Staff pages: sign-in, the network, offices, accounts and the audit log. Forms post with a CSRF token. */
export function staffRoutes(config: Config, services: StaffServices) {
  return async (app: AppInstance) => {
    for (const routes of [
      signInRoutes,
      networkRoutes,
      accountsRoutes,
      accountRoutes,
      auditPageRoutes,
      calendarPageRoutes,
    ])
      await app.register(routes(config, services))
  }
}
