import { forbidden, invalid } from '../../platform/errors.js'
import { localDateOf } from '../../platform/timezone.js'
import { daysBetween, workingDaysAfter } from '../deadlines/index.js'
import { type Actor, reachOf, unitsVisibleTo } from '../identity/index.js'
import type { CasesContext } from './cases.context.js'
import * as repo from './cases.repository.js'
import type { DueCountsDto, DueListDto, DueListQuery } from './cases.schemas.js'

/** How far ahead "due soon" looks, in working days of the office. */
export const DUE_SOON_WORKING_DAYS = 3

/**
 * The cases whose term is running out: per officer, unit and office, overdue and due in the next
 * working days; and for the network, how many each centre has.
 */
export function caseDeadlines(ctx: CasesContext) {
  /** The office's today and the last day of "due soon", in its timezone and calendar. */
  async function horizonOf(office: { id: string; timezone: string }, within: number) {
    const today = localDateOf(ctx.clock.now(), office.timezone)
    const horizon = await workingDaysAfter(today, within, (date) => ctx.ports.dayOff(office.id, date))
    return { today, horizon }
  }

  async function listDue(
    office: { id: string; timezone: string },
    within: number,
    who: {
      units: readonly string[] | null
      viewerId: string
      unitId?: string | undefined
      assigneeId?: string | undefined
    },
  ): Promise<DueListDto> {
    const { today, horizon } = await horizonOf(office, within)
    const rows = await repo.dueCases(ctx.db, { officeId: office.id, ...who, horizon, limit: 500 })
    const items = rows.map((r) => {
      const late = daysBetween(r.dueOn as string, today)
      return {
        id: r.id,
        sign: r.sign,
        title: r.title,
        status: r.status,
        unitId: r.unitId,
        assigneeId: r.assigneeId,
        term: r.term,
        dueOn: r.dueOn as string,
        state: late > 0 ? ('overdue' as const) : late === 0 ? ('due-today' as const) : ('due-soon' as const),
        overdueDays: Math.max(0, late),
      }
    })
    return {
      officeId: office.id,
      today,
      horizon,
      counts: {
        overdue: items.filter((i) => i.state === 'overdue').length,
        dueSoon: items.filter((i) => i.state !== 'overdue').length,
      },
      items,
    }
  }

  return {
    /**
     * Running cases of an office due by the third working day from today (or `within`), overdue
     * first: the caller's own, a unit's, an officer's, or all the office's they may read.
     */
    async dueList(actor: Actor, query: DueListQuery): Promise<DueListDto> {
      const office = await ctx.ports.office(query.officeId)
      if (!office) throw invalid([{ path: 'query.officeId', message: 'no such office' }])
      const reach = unitsVisibleTo(actor, ['admin', 'officer', 'head'], query.officeId)
      return listDue(office, query.within ?? DUE_SOON_WORKING_DAYS, {
        units: reach === 'office' ? null : reach,
        viewerId: actor.id,
        unitId: query.unitId,
        assigneeId: query.assignedTo === 'me' ? actor.id : query.assigneeId,
      })
    },

    /** Every running case of an office overdue or due by the third working day, for its reminders. */
    async dueInOffice(officeId: string) {
      const office = await ctx.ports.office(officeId)
      if (!office) return null
      const list = await listDue(office, DUE_SOON_WORKING_DAYS, { units: null, viewerId: '' })
      return { ...list, language: office.defaultLanguage }
    },

    /**
     * Per centre, how many running cases are overdue and how many fall due by the third working
     * day: the network's coordinators and admins see every centre, a manager their own.
     */
    async dueCounts(actor: Actor): Promise<DueCountsDto> {
      const reach = reachOf(actor, ['admin', 'coordinator', 'manager'])
      if (!reach.everywhere && reach.offices.length === 0) throw forbidden()
      const offices = (await ctx.ports.offices()).filter(
        (o) => reach.everywhere || reach.offices.includes(o.id),
      )
      const horizons = await Promise.all(offices.map((o) => horizonOf(o, DUE_SOON_WORKING_DAYS)))
      const latest =
        horizons
          .map((h) => h.horizon)
          .sort()
          .at(-1) ?? '0000-00-00'
      const days = await repo.dueCountsByDay(ctx.db, reach.everywhere ? null : reach.offices, latest)
      const items = offices.map((o, i) => {
        const { today, horizon } = horizons[i]!
        let overdue = 0
        let dueSoon = 0
        for (const d of days) {
          if (d.officeId !== o.id || !d.dueOn) continue
          if (d.dueOn < today) overdue += Number(d.n)
          else if (d.dueOn <= horizon) dueSoon += Number(d.n)
        }
        return { officeId: o.id, code: o.code, name: o.name, today, horizon, overdue, dueSoon }
      })
      return { items: items.sort((a, b) => b.overdue - a.overdue || a.code.localeCompare(b.code)) }
    },
  }
}
