import type { Actor } from '../../modules/identity/index.js'
import type { Translate } from '../../platform/i18n/index.js'
import { CsrfField } from '../../web/forms.js'
import { type Children, type Html, h } from '../../web/jsx.js'
import { Layout } from '../../web/layout.js'
import type { PageContext } from '../../web/page-context.js'
import type { StaffKey } from './staff.messages.js'

export interface StaffContext {
  ctx: PageContext
  st: Translate<StaffKey>
  actor: Actor
  csrf: string
}

const LINKS: { href: string; key: StaffKey; roles: readonly string[]; networkWide?: boolean }[] = [
  { href: '/staff', key: 'staff.network', roles: [] },
  {
    href: '/staff/services',
    key: 'staff.cards',
    roles: ['admin', 'coordinator', 'manager', 'consultant', 'chancellery', 'officer', 'head', 'editor'],
  },
  {
    href: '/staff/desk',
    key: 'staff.desk',
    roles: ['admin', 'manager', 'consultant', 'chancellery', 'officer'],
  },
  { href: '/staff/bookings', key: 'staff.bookings', roles: ['admin', 'manager', 'consultant'] },
  {
    href: '/staff/registry',
    key: 'staff.registry',
    roles: ['admin', 'coordinator', 'manager', 'chancellery'],
  },
  { href: '/staff/cases', key: 'staff.cases', roles: ['admin', 'officer', 'head'] },
  {
    href: '/staff/deadlines',
    key: 'staff.deadlines',
    roles: ['admin', 'officer', 'head', 'coordinator', 'manager'],
  },
  {
    href: '/staff/search',
    key: 'staff.search',
    roles: ['admin', 'chancellery', 'officer', 'head', 'manager'],
  },
  { href: '/staff/classification', key: 'staff.classification', roles: ['admin', 'coordinator', 'manager'] },
  { href: '/staff/queue-stats', key: 'staff.queueStats', roles: ['admin', 'coordinator', 'manager', 'head'] },
  { href: '/staff/users', key: 'staff.users', roles: ['admin', 'coordinator', 'manager'] },
  { href: '/staff/audit', key: 'staff.audit', roles: ['admin', 'coordinator', 'manager'] },
  { href: '/staff/calendar', key: 'staff.calendar', roles: ['admin', 'coordinator'], networkWide: true },
  { href: '/staff/jobs', key: 'staff.jobs', roles: ['admin'], networkWide: true },
  { href: '/staff/notifications', key: 'staff.notifications', roles: [] },
]

/** The page shell for staff: their menu (only what their roles open), who is signed in, sign-out. */
export function StaffLayout(props: {
  s: StaffContext
  title: string
  children?: Children
  head?: Html
}): Html {
  const { ctx, st, actor, csrf } = props.s
  const links = LINKS.filter(
    (l) =>
      l.roles.length === 0 ||
      actor.grants.some((g) => l.roles.includes(g.role) && (!l.networkWide || g.officeId === null)),
  )
  const nav = (
    <nav class="main-nav" aria-label={st('staff.nav')}>
      <div class="wrap staff-bar">
        <ul>
          {links.map((l) => (
            <li>
              <a href={l.href} aria-current={ctx.path === l.href ? 'page' : undefined}>
                {st(l.key)}
              </a>
            </li>
          ))}
        </ul>
        <form method="post" action="/logout">
          <CsrfField token={csrf} />
          <a href="/staff/account" aria-current={ctx.path === '/staff/account' ? 'page' : undefined}>
            {st('staff.signedInAs', { login: actor.login })}
          </a>{' '}
          <button type="submit">{st('staff.signOut')}</button>
        </form>
      </div>
    </nav>
  )
  return (
    <Layout ctx={ctx} title={props.title} nav={nav} head={props.head}>
      {props.children}
    </Layout>
  )
}
