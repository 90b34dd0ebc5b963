import { groupOpeningHours, type OpeningHours, weekdayName } from '../modules/offices/index.js'
import type { Lang } from '../platform/i18n/index.js'
import { type Html, h } from '../web/jsx.js'

/** A week's opening hours as runs of days (Mon–Fri 08:00–16:00), in the page's language. */
export function OpeningHoursTable(props: {
  hours: OpeningHours
  lang: Lang
  closed: string
  caption?: string
}): Html {
  const { lang } = props
  return (
    <table class="hours">
      {props.caption ? <caption>{props.caption}</caption> : null}
      <tbody>
        {groupOpeningHours(props.hours).map((run) => (
          <tr>
            <th scope="row">
              {run.first === run.last
                ? weekdayName(run.first, lang)
                : `${weekdayName(run.first, lang)}–${weekdayName(run.last, lang)}`}
            </th>
            <td>
              {run.spans.length === 0 ? props.closed : run.spans.map((s) => `${s.from}–${s.to}`).join(', ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
