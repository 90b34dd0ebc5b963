import { diffWords } from 'diff'
import type { ServiceDto } from '../../modules/catalogue/index.js'
import { type Html, h } from '../../web/jsx.js'
import { cardPathInWords } from './card-words.js'
import { type StaffContext, StaffLayout } from './staff-layout.js'

interface Diff {
  from: number
  to: number
  changes: { path: string; before: string | null; after: string | null }[]
}

/** One side of a changed line, with the words the other side lacks marked as removed or added. */
function Side(props: {
  before: string | null
  after: string | null
  side: 'before' | 'after'
  st: StaffContext['st']
}) {
  const { before, after, side } = props
  if ((side === 'before' ? before : after) === null) return <span class="muted">—</span>
  const parts = diffWords(before ?? '', after ?? '')
  return (
    <span>
      {parts.map((p) => {
        if (side === 'before' && p.added) return null
        if (side === 'after' && p.removed) return null
        if (p.removed) return <del title={props.st('cards.diffRemoved')}>{p.value}</del>
        if (p.added) return <ins title={props.st('cards.diffAdded')}>{p.value}</ins>
        return p.value
      })}
    </span>
  )
}

/** What changed between two versions of a card, line by line, with changed words marked. */
export function CardDiffPage(props: { s: StaffContext; card: ServiceDto; diff: Diff }): Html {
  const { st } = props.s
  const { card, diff } = props
  const title = st('cards.diffTitle', { code: card.code, from: diff.from, to: diff.to })
  return (
    <StaffLayout s={props.s} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={`/staff/services/${card.id}`}>{st('cards.diffBack')}</a>
      </p>
      {diff.changes.length === 0 ? (
        <p>{st('cards.diffNone')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data diff">
            <thead>
              <tr>
                <th scope="col">{st('cards.diffLine')}</th>
                <th scope="col">{st('cards.diffBefore', { version: diff.from })}</th>
                <th scope="col">{st('cards.diffAfter', { version: diff.to })}</th>
              </tr>
            </thead>
            <tbody>
              {diff.changes.map((c) => (
                <tr>
                  <th scope="row">
                    {cardPathInWords(c.path, st)}
                    <br />
                    <code class="muted">{c.path}</code>
                  </th>
                  <td>
                    <Side before={c.before} after={c.after} side="before" st={st} />
                  </td>
                  <td>
                    <Side before={c.before} after={c.after} side="after" st={st} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffLayout>
  )
}
