import { Type } from 'typebox'
import { auditPolicy } from '../../modules/audit/index.js'
import { officesVisibleTo } from '../../modules/identity/index.js'
import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { type AuditFilters, AuditPage } from './audit.page.js'
import { type StaffServices, send, staffPageHelpers, staffRouteOptions } from './staff-page-helpers.js'

const text = (max: number) => Type.Optional(Type.String({ maxLength: max }))
const AuditPageQuery = Type.Object({
  from: text(10),
  to: text(10),
  actor: text(100),
  office: text(40),
  what: text(40),
  action: text(100),
  subjectId: text(100),
  cursor: text(200),
  verify: text(1),
})

const DAY = /^\d{4}-\d{2}-\d{2}$/
const isDay = (d: string) => DAY.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`))
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString()

/** The audit log page: chain status, filters (days, who, centre, subject), entries with their details. */
export function auditPageRoutes(config: Config, services: StaffServices) {
  const { audit, offices } = services
  const { staffContext } = staffPageHelpers(config)

  return async (app: AppInstance) => {
    const { page } = staffRouteOptions(app)

    app.get(
      '/staff/audit',
      { ...page, schema: { hide: true, querystring: AuditPageQuery } },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const { cursor, verify, ...typed } = req.query
        const filters: AuditFilters = Object.fromEntries(
          Object.entries(typed).map(([k, v]) => [k, v?.trim() || undefined]),
        )
        const errors: { field: string; message: string }[] = []
        for (const field of ['from', 'to'] as const) {
          const day = filters[field]
          if (day && !isDay(day)) errors.push({ field, message: s.st('audit.badDay') })
        }
        const officeList = await offices.listOffices(s.actor)
        const office = officeList.find((o) => o.id === filters.office)?.id
        const what = filters.what && /^[a-z-]{1,40}$/.test(filters.what) ? `${filters.what}.*` : undefined
        const action =
          filters.action && /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(filters.action) ? filters.action : what
        const query = {
          limit: 50,
          ...(cursor ? { cursor } : {}),
          ...(errors.length === 0 && filters.from ? { from: `${filters.from}T00:00:00.000Z` } : {}),
          ...(errors.length === 0 && filters.to ? { to: nextDay(filters.to) } : {}),
          ...(filters.actor ? { actorLogin: filters.actor } : {}),
          ...(office ? { officeId: office } : {}),
          ...(action ? { action } : {}),
          ...(filters.subjectId ? { subjectId: filters.subjectId } : {}),
        }
        // A manager's chains, or one office's, are checked on every view; every chain of a whole
        // network (thousands of offices) only when asked: the hourly anchor stands for them meanwhile.
        const everyChain = !office && officesVisibleTo(s.actor, auditPolicy.verify) === null
        const [list, check, anchor] = await Promise.all([
          audit.list(s.actor, query),
          everyChain && verify !== '1' ? null : audit.verify(s.actor, office),
          audit.latestAnchorFor(s.actor),
        ])
        const keep = new URLSearchParams(
          Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])),
        )
        if (list.nextCursor) keep.set('cursor', list.nextCursor)
        return send(
          reply,
          AuditPage({
            s,
            entries: list.items,
            offices: officeList,
            filters,
            errors,
            check,
            anchor,
            verifyHref: check
              ? null
              : `/staff/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1]))), verify: '1' })}`,
            nextHref: list.nextCursor ? `/staff/audit?${keep}` : null,
          }),
          errors.length ? 422 : 200,
        )
      },
    )
  }
}
