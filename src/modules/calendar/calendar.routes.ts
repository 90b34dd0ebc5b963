import type { AppInstance } from '../../platform/http/app-instance.js'
import { problemResponses } from '../../platform/http/schemas.js'
import { actorOf } from '../identity/index.js'
import {
  CalendarDayBody,
  CalendarDayDto,
  CalendarDayParams,
  CalendarYearDto,
  CalendarYearParams,
} from './calendar.schemas.js'
import type { CalendarService } from './calendar.service.js'

const tags = ['calendar']

export function calendarRoutes(calendar: CalendarService) {
  return async (app: AppInstance) => {
    app.get(
      '/api/v1/calendar/:country/:year',
      {
        schema: {
          tags,
          summary: 'Public holidays of a country in a year, and whether offices close on them (public)',
          security: [],
          params: CalendarYearParams,
          response: { 200: CalendarYearDto, ...problemResponses },
        },
      },
      async (req) => calendar.year(req.params.country, req.params.year),
    )

    app.put(
      '/api/v1/calendar/:country/days/:date',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary:
            'Decide a day for the whole network: a day off (a holiday, a closure) or a working day (network-wide admin, coordinator)',
          params: CalendarDayParams,
          body: CalendarDayBody,
          response: { 200: CalendarDayDto, ...problemResponses },
        },
      },
      async (req) => calendar.setDay(actorOf(req), req.params.country, req.params.date, req.body),
    )
  }
}
